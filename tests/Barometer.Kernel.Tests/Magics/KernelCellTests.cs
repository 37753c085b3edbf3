using System.Text.Json;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Magics;

/// <summary>#!html, #!markdown, #!javascript and #!value cells, and #!share / #!set bringing values into C#, through a session.</summary>
public class KernelCellTests
{
    private static ScriptSession NewSession(string? baseDirectory = null) =>
        new(new ScriptSessionOptions { BaseDirectory = baseDirectory, DocumentName = "test.ipynb" });

    private static CellOutput Shown(CellExecutionResult result)
    {
        Assert.True(result.Succeeded, result.Error?.EValue);
        return Assert.Single(result.Outputs, o => o.OutputType is CellOutput.DisplayDataType or CellOutput.ExecuteResultType);
    }

    [Theory]
    [InlineData("<h3>Report</h3>\n<p>Three <em>items</em></p>", "html", "text/html")]
    [InlineData("#!html\n<h3>Report</h3>\n<p>Three <em>items</em></p>", null, "text/html")]
    [InlineData("## Summary\n\n- **one** thing", "markdown", "text/markdown")]
    [InlineData("#!markdown\n## Summary\n\n- **one** thing", "csharp", "text/markdown")]
    [InlineData("#!md\n## Summary\n\n- **one** thing", null, "text/markdown")]
    public async Task Html_and_markdown_cells_show_their_text_as_that_type(string code, string? kernel, string mime)
    {
        using var session = NewSession();

        var shown = Shown(await session.ExecuteAsync(new CellSubmission(code) { KernelName = kernel }));

        var text = code.StartsWith("#!", StringComparison.Ordinal) ? code[(code.IndexOf('\n', StringComparison.Ordinal) + 1)..] : code;
        Assert.Equal(CellOutput.DisplayDataType, shown.OutputType);
        Assert.Equal(text, shown.Data[mime]);
        Assert.Equal(text, shown.Data["text/plain"]);
    }

    [Theory]
    [InlineData("console.log(\"hello\");", "javascript")]
    [InlineData("#!js\nconsole.log(\"hello\");", null)]
    [InlineData("#!javascript\nconsole.log(\"hello\");", "csharp")]
    public async Task A_javascript_cell_is_sent_as_a_script_as_dotnet_interactive_wraps_it(string code, string? kernel)
    {
        using var session = NewSession();

        var shown = Shown(await session.ExecuteAsync(new CellSubmission(code) { KernelName = kernel }));

        Assert.Equal("console.log(\"hello\");", shown.Data["application/javascript"]);
        Assert.Equal("<script type=\"text/javascript\">console.log(\"hello\");</script>", shown.Data["text/html"]);
    }

    [Fact]
    public async Task Csharp_html_and_csharp_again_in_one_cell_run_in_order()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("var n = 6;\nConsole.WriteLine(n);\n#!html\n<b>between</b>\n#!csharp\nn * 7");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(new[] { "stream", "display_data", "execute_result" }, result.Outputs.Select(o => o.OutputType));
        Assert.Equal("<b>between</b>", result.Outputs[1].Data["text/html"]);
        Assert.Equal(42, result.ReturnValue);
    }

    [Fact]
    public async Task A_value_cell_stores_and_shows_its_text_and_share_brings_it_into_csharp()
    {
        using var session = NewSession();

        var stored = Shown(await session.ExecuteAsync("#!value --name scoresCsv\nname,score\nAnna,3\nBoris,5"));
        var shared = await session.ExecuteAsync("#!share --from value scoresCsv\nscoresCsv.Split('\\n').Length");
        var renamed = await session.ExecuteAsync("#!share scoresCsv --from value --as text\ntext.GetType().Name + \":\" + text.Length");

        Assert.Equal("name,score\nAnna,3\nBoris,5", stored.Data["text/plain"]);
        Assert.Equal(3, shared.ReturnValue);
        Assert.Equal("String:25", renamed.ReturnValue);
        Assert.True(session.TryGetVariable("scoresCsv", out var variable));
        Assert.Equal("name,score\nAnna,3\nBoris,5", variable);
    }

    [Fact]
    public async Task A_json_value_is_shown_as_json_and_shared_as_a_json_document()
    {
        using var session = NewSession();

        var stored = Shown(await session.ExecuteAsync("#!value --name settings --mime-type application/json\n{\"retries\": 3, \"mode\": \"fast\"}"));
        var shared = await session.ExecuteAsync("#!share --from value settings\nsettings.RootElement.GetProperty(\"retries\").GetInt32()");

        Assert.Equal(3, JsonDocument.Parse(stored.Data["application/json"]).RootElement.GetProperty("retries").GetInt32());
        Assert.Equal(3, shared.ReturnValue);
        Assert.True(session.TryGetVariable("settings", out var document));
        Assert.IsType<JsonDocument>(document);
    }

    [Fact]
    public async Task A_value_from_a_file_is_read_relative_to_the_notebook_and_a_missing_one_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        dir.Write("files/cities.csv", "city,population\nMinsk,2000000\n");
        using var session = NewSession(dir.Path);

        var stored = Shown(await session.ExecuteAsync("#!value --from-file files/cities.csv --name citiesCsv"));
        var missing = await session.ExecuteAsync("#!value --name nothing --from-file files/none.csv");
        var both = await session.ExecuteAsync("#!value --name both --from-file files/cities.csv\nsome text");

        Assert.Equal("city,population\nMinsk,2000000\n", stored.Data["text/plain"]);
        Assert.Equal(CellErrorKind.MagicCommand, missing.Error!.Kind);
        Assert.Contains("cannot read '" + Path.Combine(dir.Path, "files", "none.csv") + "'", missing.Error.EValue, StringComparison.Ordinal);
        Assert.Contains("--from-file cannot be used together with text in the cell", both.Error!.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_declares_literals_stored_values_and_other_variables()
    {
        using var session = NewSession();
        await session.ExecuteAsync("#!value --name note\nhello");

        var number = await session.ExecuteAsync("#!set --name retries --value 5\nretries * 2");
        var text = await session.ExecuteAsync("#!set --name label --value \"two words\"\nlabel.ToUpperInvariant()");
        var flag = await session.ExecuteAsync("#!set --name on --value true\n!on");
        var copied = await session.ExecuteAsync("#!set --name copied --value @value:note\ncopied + \"!\"");
        var fromCSharp = await session.ExecuteAsync("var list = new List<int> { 1, 2 };\n#!set --name same --value @csharp:list\nsame.Add(3);\nlist.Count");

        Assert.Equal(10, number.ReturnValue);
        Assert.Equal("TWO WORDS", text.ReturnValue);
        Assert.Equal(false, flag.ReturnValue);
        Assert.Equal("hello!", copied.ReturnValue);
        Assert.Equal(3, fromCSharp.ReturnValue);
    }

    [Fact]
    public async Task Share_from_csharp_after_code_in_the_same_cell_sees_that_code_and_keeps_the_type()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("var localTotal = 17;\nrecord Box(int N);\nvar box = new Box(4);\n#!share --from csharp localTotal --as sameTotal\n#!share --from csharp box --as sameBox\nsameTotal + sameBox.N");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(21, result.ReturnValue);
    }

    [Fact]
    public async Task Input_for_set_comes_from_the_host_and_without_one_the_error_says_so()
    {
        using var session = NewSession();

        var typed = await session.ExecuteAsync(new CellSubmission("#!set --name who --value @input:\"Your name\"\n\"hello \" + who") { Input = (prompt, password) => prompt + (password ? "*" : "!") });
        var refused = await session.ExecuteAsync("#!set --name secret --value @password:\"Token\"\nsecret");

        Assert.Equal("hello Your name!", typed.ReturnValue);
        Assert.Equal(CellErrorKind.MagicCommand, refused.Error!.Kind);
        Assert.Contains("'Token' asks for input, but this host does not accept input", refused.Error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_prompt_a_bare_value_kernel_line_and_a_value_from_input_work_as_in_dotnet_interactive()
    {
        using var session = NewSession();
        string Answer(string prompt, bool password) => prompt + (password ? " (hidden)" : string.Empty);

        var secret = await session.ExecuteAsync(new CellSubmission("#!set --name token --value @password:{ \"prompt\": \"Your token\", \"saveAs\": \"t\" }\ntoken") { Input = Answer });
        var typed = Shown(await session.ExecuteAsync(new CellSubmission("#!value\n#!value --from-value @input:wat --name fromInput") { KernelName = "value", Input = Answer }));
        var shared = await session.ExecuteAsync("#!share --from value fromInput\nfromInput");

        Assert.Equal("Your token (hidden)", secret.ReturnValue);
        Assert.Equal("wat", typed.Data["text/plain"]);
        Assert.Equal("wat", shared.ReturnValue);
    }

    [Theory]
    [InlineData("#!share --from value nothing\n1", "no value named 'nothing': no #!value cell has stored one yet")]
    [InlineData("#!share --from csharp nothing\n1", "the C# session has no variable 'nothing'")]
    [InlineData("#!share --from fsharp x\n1", "there is no 'fsharp' kernel to get 'x' from: this kernel runs C# only")]
    public async Task Sharing_what_is_not_there_is_a_clear_error_on_its_line(string code, string message)
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(code);

        Assert.Equal(CellErrorKind.MagicCommand, result.Error!.Kind);
        Assert.Equal(1, result.Error.Line);
        Assert.Contains(message, result.Error.EValue, StringComparison.Ordinal);
    }
}
