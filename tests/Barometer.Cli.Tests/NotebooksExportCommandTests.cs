using System.Diagnostics;

namespace Barometer.Cli.Tests;

public sealed class NotebooksExportCommandTests : IDisposable
{
    private const string Dib = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n"
        + "#!markdown\n\n# Totals\n\n#!csharp\n\nvar numbers = new[] { 1, 2, 3 };\nrecord Total(int Value);\n\n"
        + "#!csharp\n\n#!time\nvar total = new Total(numbers.Sum());\ndisplay(total);\ntotal.Value * 7\n\n#!csharp\n\nConsole.WriteLine(\"done\")\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Export_writes_the_cs_file_reports_what_it_cannot_express_and_leaves_no_temporary_file()
    {
        File.WriteAllText(Path.Combine(_dir, "totals.dib"), Dib);

        var result = CliRunner.Run(_dir, "notebooks", "export", "totals.dib", "--to", "cs", "--out", "app/totals.cs");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: totals.dib: cell 3, line 1: the magic command '#!time' has no file-based-app form", result.Stderr, StringComparison.Ordinal);
        var text = File.ReadAllText(Path.Combine(_dir, "app", "totals.cs"));
        Assert.Contains("Show(() => total.Value * 7);", text, StringComparison.Ordinal);
        Assert.Equal(["totals.cs"], Directory.GetFiles(Path.Combine(_dir, "app")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(new[] { "notebooks", "export", "missing.ipynb", "--to", "cs" }, 1, "error: 'missing.ipynb' does not exist.")]
    [InlineData(new[] { "notebooks", "export", "totals.dib", "--to", "py" }, 2, "py")]
    [InlineData(new[] { "notebooks", "export", "totals.dib" }, 2, "--to")]
    public void Bad_input_is_a_clear_error_with_a_non_zero_exit(string[] args, int exitCode, string message)
    {
        File.WriteAllText(Path.Combine(_dir, "totals.dib"), Dib);

        var result = CliRunner.Run(_dir, args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Slow (a dotnet run builds the app): filter it out with <c>--filter Category!=Slow</c>.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_exported_file_runs_with_dotnet_run_and_prints_what_the_notebook_showed()
    {
        File.WriteAllText(Path.Combine(_dir, "totals.dib"), Dib);
        Assert.Equal(0, CliRunner.Run(_dir, "notebooks", "export", "totals.dib", "--to", "cs").ExitCode);

        var start = new ProcessStartInfo("dotnet", ["run", "totals.cs"]) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // not a timing assertion: a hung build fails instead of hanging
        await process.WaitForExitAsync(patience.Token);

        Assert.True(process.ExitCode == 0, stdout + await stderr);
        Assert.Equal("Total { Value = 6 }\n42\ndone\n", stdout.ReplaceLineEndings("\n"));
    }
}
