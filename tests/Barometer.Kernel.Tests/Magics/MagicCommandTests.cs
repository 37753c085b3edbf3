using System.Text.RegularExpressions;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Magics;

/// <summary>The magic commands #!time, #!lsmagic, #!about, #!who, #!whos, #!csharp anywhere, and unknown ones, through a session.</summary>
public partial class MagicCommandTests
{
    [GeneratedRegex(@"^Wall time: \d+(\.\d+)?ms$")]
    private static partial Regex WallTime();

    private static ScriptSession NewSession(string? baseDirectory = null) =>
        new(new ScriptSessionOptions { BaseDirectory = baseDirectory, DocumentName = "test.ipynb" });

    private static IEnumerable<CellOutput> Displays(CellExecutionResult result) =>
        result.Outputs.Where(o => o.OutputType is CellOutput.DisplayDataType or CellOutput.ExecuteResultType);

    [Fact]
    public async Task Time_shows_the_wall_time_after_the_cells_own_outputs_and_keeps_its_value()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("#!time\nConsole.WriteLine(\"working\");\n40 + 2");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(42, result.ReturnValue);
        Assert.Equal(new[] { "stream", "execute_result", "display_data" }, result.Outputs.Select(o => o.OutputType));
        var wallTime = result.Outputs[2].Data["text/plain"];
        Assert.Matches(WallTime(), wallTime);
    }

    [Fact]
    public async Task Time_reports_also_when_the_cell_fails_and_a_compile_error_keeps_its_cell_line()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("#!time\nvar x = ;");

        Assert.Equal(CellErrorKind.Compilation, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
        Assert.Matches(WallTime(), Assert.Single(Displays(result)).Data["text/plain"]);
    }

    [Fact]
    public async Task Lsmagic_lists_the_supported_magics_as_html_and_text()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("#!lsmagic");

        var shown = Assert.Single(Displays(result));
        foreach (var name in new[] { "#!time", "#!lsmagic", "#!about", "#!who", "#!whos", "#!share", "#!set", "#!value", "#!html", "#!markdown", "#!javascript", "#!csharp" })
        {
            Assert.Contains(name, shown.Data["text/html"], StringComparison.Ordinal);
            Assert.Contains(name, shown.Data["text/plain"], StringComparison.Ordinal);
        }

        Assert.Contains("<h3>csharp kernel</h3>", shown.Data["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_names_the_kernel_and_its_version()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("#!about");

        var shown = Assert.Single(Displays(result));
        Assert.Contains($"Version: {KernelInfo.ImplementationVersion}", shown.Data["text/plain"], StringComparison.Ordinal);
        Assert.Contains(KernelInfo.ImplementationName, shown.Data["text/html"], StringComparison.Ordinal);
        Assert.Contains($"C# {KernelInfo.CSharpVersion}", shown.Data["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_lists_the_variables_and_whos_shows_types_and_values()
    {
        using var session = NewSession();
        await session.ExecuteAsync("var city = \"Vitebsk\";\nvar population = 360000;");
        await session.ExecuteAsync("population = 360001;\nrecord Town(string Name);\nvar town = new Town(\"Minsk\");");

        var who = await session.ExecuteAsync("#!who");
        var whos = await session.ExecuteAsync("#!whos");

        Assert.Equal("city\tpopulation\ttown", Assert.Single(Displays(who)).Data["text/plain"]);
        Assert.Equal("<div>city\t population\t town\t </div>", Assert.Single(Displays(who)).Data["text/html"]);
        var table = Assert.Single(Displays(whos)).Data["text/html"];
        Assert.Contains("<th>Variable</th><th>Type</th><th>Value</th>", table, StringComparison.Ordinal);
        Assert.Contains("<tr><td>population</td><td>System.Int32</td><td><div class=\"dni-plaintext\"><pre>360001</pre></div></td></tr>", table, StringComparison.Ordinal);
        Assert.Contains("<td>city</td><td>System.String</td><td><div class=\"dni-plaintext\"><pre>Vitebsk</pre>", table, StringComparison.Ordinal);
        Assert.Contains("<td>town</td><td>Town</td>", table, StringComparison.Ordinal);
        Assert.Contains("population  System.Int32   360001", Assert.Single(Displays(whos)).Data["text/plain"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var a = 20;\n#!csharp\na + 22")]
    [InlineData("#!c#\nvar a = 20;\n\n#!C#\na + 22")]
    [InlineData("#!time\nvar a = 20;\n#!cs\na + 22")]
    public async Task A_csharp_kernel_line_may_stand_anywhere_in_a_cell(string code)
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(code);

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(42, result.ReturnValue);
    }

    [Fact]
    public async Task An_unknown_magic_is_an_error_naming_it_its_line_and_the_supported_ones_and_nothing_runs()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(new CellSubmission("Console.WriteLine(\"ran\");\n#!linqify --count 3\nvar x = 1;") { CellNumber = 4 });

        Assert.Equal(CellErrorKind.UnsupportedDirective, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
        Assert.Contains("Cell 4 (execution count 1), line 2: the magic command '#!linqify' is not supported by this kernel", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains("#!time, #!lsmagic, #!about, #!who, #!whos, #!share, #!set", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains("#!csharp, #!html, #!markdown, #!javascript, #!value", result.Error.EValue, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Outputs, o => o.OutputType == CellOutput.StreamType);
    }

    [Theory]
    [InlineData("#!time 5", "#!time takes no arguments")]
    [InlineData("#!share --from value", "#!share needs --name")]
    [InlineData("#!share csv", "#!share needs --from")]
    [InlineData("#!set --name 1x --value 2", "'1x' is not a valid C# variable name")]
    [InlineData("#!set --name x --value 2 --colour red", "#!set has no option '--colour'")]
    [InlineData("#!value --mime-type text/csv\na,b", "#!value needs --name")]
    [InlineData("#!set --name x --value \"open", "a double quote is not closed")]
    public async Task A_magic_with_wrong_arguments_fails_before_any_of_the_cell_runs(string magic, string message)
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("Console.WriteLine(\"ran\");\n" + magic);

        Assert.Equal(CellErrorKind.MagicCommand, result.Error!.Kind);
        Assert.Equal("MagicCommandError", result.Error.EName);
        Assert.Equal(2, result.Error.Line);
        Assert.Contains(message, result.Error.EValue, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Outputs, o => o.OutputType == CellOutput.StreamType);
    }

    [Theory]
    [InlineData("let x = 1", "fsharp", "fsharp")]
    [InlineData("var a = 1;\n#!pwsh\nGet-Date", null, "pwsh")]
    [InlineData("graph TD; A-->B", "mermaid", "mermaid")]
    [InlineData("SELECT 1", "sql", "sql")]
    public async Task A_cell_in_another_language_says_the_kernel_runs_csharp_names_the_cell_and_sends_nobody_elsewhere(string code, string? kernel, string language)
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(new CellSubmission(code) { CellNumber = 7, KernelName = kernel });

        Assert.Equal(CellErrorKind.UnsupportedLanguage, result.Error!.Kind);
        Assert.StartsWith($"Cell 7 is a '{language}' cell; this kernel runs C# cells only", result.Error.EValue, StringComparison.Ordinal);
        Assert.DoesNotContain("Polyglot", result.Error.EValue, StringComparison.Ordinal);
        Assert.DoesNotContain("VS Code", result.Error.EValue, StringComparison.Ordinal);
    }
}
