using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Execution;

/// <summary>
/// Issue 18, item 4: one output budget per cell for everything it shows (streams, displays, updates, the result),
/// configurable, 4 Mi characters by default; over it the output is cut with a notice, and with a full-outputs folder
/// the full value is kept in files the notice names. The events are cut, so the Jupyter server never sends more.
/// </summary>
public sealed class OutputBudgetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-outputs-").FullName;

    private static ScriptSession NewSession(int limit = ScriptSessionOptions.DefaultOutputLimit, string? fullOutputs = null) =>
        new(new ScriptSessionOptions { DocumentName = "budget.ipynb", OutputLimit = limit, FullOutputDirectory = fullOutputs });

    [Fact]
    public async Task A_huge_string_result_is_cut_to_the_default_limit_with_a_notice()
    {
        using var session = NewSession();
        var events = new List<CellEvent>();

        var result = await session.ExecuteAsync(new CellSubmission("new string('x', 10_000_000)"), events.Add);

        var produced = Assert.Single(events.OfType<ResultProduced>());
        var output = Assert.Single(result.Outputs);
        Assert.Equal(new[] { "text/plain" }, output.Data.Keys);
        var text = output.Data["text/plain"];
        Assert.Equal(produced.Data["text/plain"], text);
        Assert.InRange(text.Length, ScriptSessionOptions.DefaultOutputLimit, ScriptSessionOptions.DefaultOutputLimit + 400);
        Assert.StartsWith(new string('x', 1000), text, StringComparison.Ordinal);
        Assert.EndsWith(
            "\n… result truncated: it is 10,000,000 characters (text/plain) and a cell's output is limited to 4,194,304 characters " +
            "(--output-limit). --full-outputs keeps full outputs in files.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_html_display_shows_the_start_of_its_text_and_a_notice_instead_of_the_html()
    {
        using var session = NewSession(limit: 10_000);
        var events = new List<CellEvent>();

        var result = await session.ExecuteAsync(new CellSubmission("display(HTML(\"<table>\" + string.Concat(Enumerable.Repeat(\"<tr><td>1</td></tr>\", 100_000)) + \"</table>\"));"), events.Add);

        var shown = Assert.Single(events.OfType<DisplayShown>());
        Assert.Equal(new[] { "text/plain" }, shown.Data.Keys);
        var output = Assert.Single(result.Outputs);
        var text = output.Data["text/plain"];
        Assert.StartsWith("<table><tr><td>1</td></tr>", text, StringComparison.Ordinal);
        Assert.Contains("\n… display truncated: it is ", text, StringComparison.Ordinal);
        Assert.Contains("(text/html, text/plain) and a cell's output is limited to 10,000 characters (--output-limit).", text, StringComparison.Ordinal);
        Assert.InRange(text.Length, 10_000, 10_400);
    }

    [Fact]
    public async Task A_huge_stream_is_cut_where_the_limit_is_reached_and_what_follows_is_dropped()
    {
        using var session = NewSession(limit: 1_000);
        var events = new List<CellEvent>();

        var result = await session.ExecuteAsync(
            new CellSubmission("for (var i = 0; i < 10_000; i++) Console.WriteLine(i.ToString(\"0000\"));\nConsole.Error.WriteLine(\"late\");"),
            events.Add);

        Assert.Equal(new[] { "stdout", "stderr" }, result.Outputs.Select(o => o.StreamName));
        var stream = result.Outputs[0];
        Assert.StartsWith("0000\n0001\n", stream.Text, StringComparison.Ordinal);
        Assert.EndsWith("0198\n0199\n… stdout truncated here: a cell's output is limited to 1,000 characters (--output-limit). --full-outputs keeps full outputs in files.\n",
            stream.Text, StringComparison.Ordinal);
        Assert.Equal("… stderr truncated here: a cell's output is limited to 1,000 characters (--output-limit). --full-outputs keeps full outputs in files.\n",
            result.Outputs[1].Text);
        Assert.True(events.OfType<StreamText>().Sum(s => s.Text.Length) < 1_300);
    }

    [Fact]
    public async Task Streams_displays_and_the_result_share_one_budget()
    {
        using var session = NewSession(limit: 1_000);

        var result = await session.ExecuteAsync(new CellSubmission("Console.Write(new string('a', 600));\ndisplay(new string('b', 300));\nnew string('c', 300)"));

        Assert.Equal(new[] { "stream", "display_data", "execute_result" }, result.Outputs.Select(o => o.OutputType));
        Assert.Equal(new string('a', 600), result.Outputs[0].Text);
        Assert.Equal(new string('b', 300), result.Outputs[1].Data["text/plain"]);
        var cut = result.Outputs[2].Data["text/plain"];
        Assert.Matches(@"^c{100}\n… result truncated: it is 300 characters \(text/plain\) and a cell's output is limited to 1,000 characters", cut);
    }

    [Fact]
    public async Task An_update_replaces_what_its_display_held_so_a_display_updated_often_stays_whole()
    {
        using var session = NewSession(limit: 1_000);

        var result = await session.ExecuteAsync(new CellSubmission(
            "var d = display(\"start\");\nfor (var i = 0; i < 50; i++) d.Update(new string((char)('a' + i % 26), 400));\nConsole.Write(\"done\");"));

        Assert.Equal(new[] { "display_data", "stream" }, result.Outputs.Select(o => o.OutputType));
        Assert.Equal(new string('x', 400), result.Outputs[0].Data["text/plain"]); // i = 49: 'a' + 23
        Assert.Equal("done", result.Outputs[1].Text);
    }

    [Fact]
    public async Task An_update_over_the_budget_is_cut_like_a_display()
    {
        using var session = NewSession(limit: 1_000);
        var events = new List<CellEvent>();

        await session.ExecuteAsync(new CellSubmission("var d = display(1);\nd.Update(new string('u', 5_000));"), events.Add);

        var updated = Assert.Single(events.OfType<DisplayUpdated>());
        Assert.StartsWith(new string('u', 1_000) + "\n… display truncated: it is 5,000 characters", updated.Data["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_full_outputs_folder_the_full_values_are_in_files_the_notice_names()
    {
        var folder = Path.Combine(_dir, "full");
        using var session = NewSession(limit: 1_000, fullOutputs: folder);
        var code = "for (var i = 0; i < 1_000; i++) Console.WriteLine(i);\ndisplay(HTML(new string('h', 2_000)));\nnew string('r', 3_000)";

        var result = await session.ExecuteAsync(new CellSubmission(code) { CellNumber = 4 });

        var stdout = Path.Combine(folder, "cell-4-stdout.txt");
        var html = Path.Combine(folder, "cell-4-output-1.html");
        var resultText = Path.Combine(folder, "cell-4-output-2.txt");
        var printed = string.Concat(Enumerable.Range(0, 1_000).Select(i => $"{i}\n"));
        Assert.Equal(
            printed[..1_000] + $"\n… stdout truncated here: a cell's output is limited to 1,000 characters (--output-limit). The rest of stdout is in '{stdout}'.\n",
            result.Outputs[0].Text);
        Assert.Equal(printed[1_000..], File.ReadAllText(stdout));
        Assert.EndsWith($"The full display is in '{html}', '{Path.Combine(folder, "cell-4-output-1.txt")}'.", result.Outputs[1].Data["text/plain"], StringComparison.Ordinal);
        Assert.Equal(new string('h', 2_000), File.ReadAllText(html));
        Assert.EndsWith($"The full result is in '{resultText}'.", result.Outputs[2].Data["text/plain"], StringComparison.Ordinal);
        Assert.Equal(new string('r', 3_000), File.ReadAllText(resultText));
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp"));
    }

    [Fact]
    public async Task A_full_outputs_folder_that_cannot_be_written_is_said_in_the_notice_and_the_cell_still_succeeds()
    {
        var file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "");
        using var session = NewSession(limit: 100, fullOutputs: file);

        var result = await session.ExecuteAsync(new CellSubmission("Console.Write(new string('s', 500));\nnew string('r', 500)"));

        Assert.Equal(CellExecutionStatus.Succeeded, result.Status);
        Assert.Contains("The rest of stdout could not be kept: ", result.Outputs[0].Text, StringComparison.Ordinal);
        Assert.Contains("The full result could not be kept: ", result.Outputs[1].Data["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_of_zero_keeps_everything()
    {
        using var session = NewSession(limit: 0);

        var result = await session.ExecuteAsync(new CellSubmission("Console.Write(new string('a', 5_000_000));\nnew string('b', 5_000_000)"));

        Assert.Equal(5_000_000, result.Outputs[0].Text!.Length);
        Assert.Equal(5_000_000, result.Outputs[1].Data["text/plain"].Length);
    }

    [Theory]
    [InlineData("text/html", ".html")]
    [InlineData("image/png", ".png")]
    [InlineData("image/svg+xml", ".svg")]
    [InlineData("application/vnd.plotly.v1+json", ".vnd-plotly-v1.json")]
    [InlineData("application/x-unknown", ".application-x-unknown")]
    public void Each_mime_type_gets_a_file_extension_a_reader_can_open(string mime, string extension) =>
        Assert.Equal(extension, OutputBudget.Extension(mime));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
