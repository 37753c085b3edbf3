using System.Text.Json.Nodes;

namespace Barometer.Cli.Tests;

/// <summary>
/// Issue 18, item 4, as a user of <c>notebooks run</c> meets it: <c>--output-limit</c> bounds what each cell's output
/// holds in the executed notebook, and <c>--full-outputs</c> keeps the full values beside it.
/// </summary>
public sealed class OutputLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-limit-").FullName;

    [Fact]
    public void Notebooks_run_cuts_outputs_at_the_limit_and_keeps_the_full_values_beside_the_executed_notebook()
    {
        var notebook = Path.Combine(_dir, "big.ipynb");
        File.WriteAllText(notebook, new JsonObject
        {
            ["cells"] = new JsonArray(
                Code("Console.WriteLine(\"small\");"),
                Code("display(HTML(\"<p>\" + new string('h', 50_000) + \"</p>\"));\nConsole.Write(new string('s', 50_000));")),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString());
        var outDir = Path.Combine(_dir, "out");

        var r = CliRunner.Run(null, "notebooks", "run", notebook, "--out", outDir, "--output-limit", "1000", "--full-outputs");

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "big.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("small\n", Text(cells[0]!["outputs"]![0]!["text"]));
        var outputs = cells[1]!["outputs"]!.AsArray();
        var full = Path.Combine(outDir, "big.full-outputs");
        var display = Text(outputs[0]!["data"]!["text/plain"]);
        Assert.Null(outputs[0]!["data"]!["text/html"]);
        Assert.StartsWith("<p>hhh", display, StringComparison.Ordinal);
        Assert.EndsWith($"The full display is in '{full}/cell-2-output-1.html', '{full}/cell-2-output-1.txt'.", display, StringComparison.Ordinal);
        Assert.Equal("<p>" + new string('h', 50_000) + "</p>", File.ReadAllText(Path.Combine(full, "cell-2-output-1.html")));
        Assert.EndsWith($"… stdout truncated here: a cell's output is limited to 1,000 characters (--output-limit). The rest of stdout is in '{full}/cell-2-stdout.txt'.\n",
            Text(outputs[1]!["text"]), StringComparison.Ordinal);
        Assert.Equal(new string('s', 50_000), File.ReadAllText(Path.Combine(full, "cell-2-stdout.txt")));
    }

    [Fact]
    public void A_negative_output_limit_is_a_usage_error_naming_the_range()
    {
        var r = CliRunner.Run(null, "notebooks", "run", "notebooks", "--output-limit", "-5");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--output-limit must be a whole number of characters from 0 (no limit) to 2,147,483,647.", r.Stderr, StringComparison.Ordinal);
    }

    private static JsonObject Code(string source) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject(),
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    /// <summary>An nbformat multiline string (a string or an array of lines) as one string.</summary>
    private static string Text(JsonNode? node) => node is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)node ?? "";

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
