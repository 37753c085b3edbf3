using System.Text;
using System.Text.RegularExpressions;
using Barometer.Analysis.Loading;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;
using Barometer.Kernel.Running;

namespace Barometer.Notebooks.Tests;

/// <summary>
/// Executes every notebook under <c>notebooks/</c>, each in its own kernel process as <c>barometer notebooks run</c>
/// does (a new notebook is covered without editing this file), fails on
/// any error output, and compares the text outputs of cells tagged <c>golden</c> with the files in
/// <c>Golden/&lt;notebook&gt;/&lt;cell id&gt;.txt</c>. A notebook committed with outputs must match a fresh run
/// (<see cref="CommittedOutputs"/>). Set <c>BAROMETER_UPDATE_GOLDEN=1</c> to rewrite them, then review the
/// diff like code.
/// </summary>
public partial class NotebookSuiteTests
{
    public const string GoldenTag = "golden";

    internal static readonly string RepoRoot = DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("tests must run inside the repository");
    private static readonly string GoldenRoot = Path.Combine(RepoRoot, "tests", "Barometer.Notebooks.Tests", "Golden");
    private static bool Update => Environment.GetEnvironmentVariable("BAROMETER_UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(RepoRoot, "notebooks"))
                     .Where(NotebookFile.IsNotebookPath).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Fact]
    public void The_suite_finds_the_notebooks()
    {
        var found = ((IEnumerable<object[]>)Notebooks()).Select(row => (string)row[0]).ToArray();
        // The suite runs exactly the notebooks the README's table documents: a notebook nobody documented, or a documented one
        // that is gone or renamed, fails here
        var documented = DocumentedNotebooks().Order(StringComparer.Ordinal).ToArray();
        Assert.True(documented.Length > 0, "README.md has no notebook table (rows like | `01-reproduce-issue-18` | … |)");
        Assert.Equal(documented, found.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        // ... and every golden folder belongs to a notebook the suite runs: a renamed notebook cannot leave its
        // goldens unchecked
        Assert.Equal(
            Directory.GetDirectories(GoldenRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            found.Select(Path.GetFileNameWithoutExtension).Where(n => Directory.Exists(Path.Combine(GoldenRoot, n!))).Order(StringComparer.Ordinal));
    }

    /// <summary>The names in the README's notebook table (the section "### Notebooks").</summary>
    private static IEnumerable<string> DocumentedNotebooks()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        var section = readme[readme.IndexOf("### Notebooks", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n#", 1, StringComparison.Ordinal)];
        return DocumentedRow().Matches(section).Select(m => m.Groups[1].Value);
    }

    [GeneratedRegex(@"^\| `(\d\d-[a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_executes_without_errors_and_matches_its_golden_outputs(string name)
    {
        var path = Path.Combine(RepoRoot, "notebooks", name);
        var committed = await NotebookFile.LoadAsync(path);
        var notebook = await NotebookFile.LoadAsync(path);
        var result = await NotebookRunner.ExecuteAsync(notebook, path, new NotebookRunOptions { Kernel = BarometerKernel.StartInfo });

        Assert.True(result.Succeeded, result.FirstError?.Message);
        var errors = notebook.Cells.SelectMany(c => c.Outputs).Where(o => o.OutputType == CellOutput.ErrorType).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.EName}: {e.EValue}")));
        Assert.All(notebook.Cells.Where(c => c.CellType == CellType.Code && !c.HasTag(NotebookCell.SkipExecutionTag)),
            c => Assert.True(c.ExecutionCount is not null, $"cell {c.Id} did not run"));

        // A notebook committed with its outputs must show what a fresh run shows (timings and image bytes aside).
        if (CommittedOutputs.HasAny(committed))
        {
            var imagesExpected = Environment.GetEnvironmentVariable("CI") is not null || Barometer.Browser.ChromiumLocator.Find() is not null;
            var differences = CommittedOutputs.Differences(committed, notebook, RepoRoot, imagesExpected);
            Assert.True(differences.Count == 0,
                $"{name}: committed outputs differ from a fresh run (re-run it with 'barometer notebooks run' and commit the result):\n" +
                string.Join("\n", differences));
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        var goldenCells = notebook.Cells.Where(c => c.HasTag(GoldenTag)).ToArray();
        var goldenDir = Path.Combine(GoldenRoot, stem);
        foreach (var cell in goldenCells)
        {
            var actual = Mask(TextOf(cell));
            Assert.False(string.IsNullOrWhiteSpace(actual), $"{name}: golden cell {cell.Id} produced no text output");
            var file = Path.Combine(goldenDir, $"{cell.Id}.txt");
            if (Update)
            {
                Directory.CreateDirectory(goldenDir);
                await File.WriteAllTextAsync(file, actual);
                continue;
            }
            Assert.True(File.Exists(file), $"missing golden file {Path.GetRelativePath(RepoRoot, file)}; run the tests with BAROMETER_UPDATE_GOLDEN=1 and review it");
            Assert.Equal(await File.ReadAllTextAsync(file), actual);
        }
        if (!Update && Directory.Exists(goldenDir))
        {
            var stale = Directory.GetFiles(goldenDir, "*.txt").Select(Path.GetFileNameWithoutExtension)
                .Except(goldenCells.Select(c => c.Id)).ToArray();
            Assert.True(stale.Length == 0, $"{name}: golden files without a golden cell: {string.Join(", ", stale)}");
        }
    }

    /// <summary>The text a reader sees: stream text and the text/plain of results and displays, in order.</summary>
    private static string TextOf(NotebookCell cell)
    {
        var text = new StringBuilder();
        foreach (var output in cell.Outputs)
        {
            if (output.OutputType == CellOutput.StreamType)
            {
                text.Append(output.Text);
            }
            else if (output.Data.TryGetValue(MimeTypes.PlainText, out var plain))
            {
                text.AppendLine(plain);
            }
        }
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Masks what legitimately varies between runs: timings and absolute paths.</summary>
    private static string Mask(string text) =>
        Seconds().Replace(text.Replace(RepoRoot, "<repo>"), "<time>");

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(ms|s)\b")]
    private static partial Regex Seconds();
}
