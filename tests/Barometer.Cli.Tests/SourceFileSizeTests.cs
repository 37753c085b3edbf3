namespace Barometer.Cli.Tests;

/// <summary>
/// No C# source file of the repository (src/, tests/, benchmarks/) is over 450 lines: a file that grows past it is
/// split by concern (a partial class per part, or a type per file), so a reader finds a concept from the file names.
/// </summary>
public sealed class SourceFileSizeTests
{
    private const int MaxLines = 450;
    private static readonly string[] SourceFolders = ["src", "tests", "benchmarks"];

    [Fact]
    public void No_source_file_is_over_450_lines()
    {
        var files = SourceFolders
            .Select(folder => Path.Combine(CliRunner.RepoRoot, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !Path.GetRelativePath(CliRunner.RepoRoot, path).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or "node_modules"))
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} source files found under {CliRunner.RepoRoot}");
        var tooLong = files
            .Select(path => (Path: Path.GetRelativePath(CliRunner.RepoRoot, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();
        Assert.True(tooLong.Count == 0, $"over {MaxLines} lines:\n" + string.Join("\n", tooLong));
    }
}
