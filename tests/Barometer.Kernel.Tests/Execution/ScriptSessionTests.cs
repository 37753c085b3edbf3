using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Execution;

public class ScriptSessionTests
{
    private static ScriptSession NewSession(string? baseDirectory = null) =>
        new(new ScriptSessionOptions { BaseDirectory = baseDirectory, DocumentName = "test.ipynb" });

    [Fact]
    public async Task State_carries_across_cells_variables_functions_types_and_usings()
    {
        using var session = NewSession();

        await session.ExecuteAsync("using System.Globalization;\nvar total = 40;\nint Twice(int x) => 2 * x;\nrecord Point(int X, int Y);");
        var result = await session.ExecuteAsync("total += Twice(1);\nvar p = new Point(total, 0);\np.X.ToString(CultureInfo.InvariantCulture)");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("42", result.ReturnValue);
        Assert.Equal(2, result.ExecutionCount);
        Assert.True(session.TryGetVariable("total", out var total));
        Assert.Equal(42, total);
    }

    [Fact]
    public async Task Trailing_expression_is_the_execute_result_and_statements_are_not()
    {
        using var session = NewSession();

        var withValue = await session.ExecuteAsync("var a = 20;\na + 22");
        var statement = await session.ExecuteAsync("var b = a;");
        var voidCall = await session.ExecuteAsync("Console.WriteLine(b)");
        var nullValue = await session.ExecuteAsync("(string?)null");

        var result = Assert.Single(withValue.Outputs);
        Assert.Equal(CellOutput.ExecuteResultType, result.OutputType);
        Assert.Equal(1, result.ExecutionCount);
        Assert.Equal("42", result.Data["text/plain"]);
        Assert.Empty(statement.Outputs);
        Assert.DoesNotContain(voidCall.Outputs, o => o.OutputType == CellOutput.ExecuteResultType);
        Assert.True(nullValue.HasReturnValue);
        Assert.Equal("<null>", Assert.Single(nullValue.Outputs).Data["text/plain"]);
    }

    [Fact]
    public async Task Console_output_becomes_stream_outputs_in_order_with_displays()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\ndisplay(7);\nConsole.Error.WriteLine(\"oops\");\nConsole.WriteLine(\"c\");");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(new[] { "stream", "display_data", "stream", "stream" }, result.Outputs.Select(o => o.OutputType));
        Assert.Equal(("stdout", "ab\n"), (result.Outputs[0].StreamName, result.Outputs[0].Text));
        Assert.Equal("7", result.Outputs[1].Data["text/plain"]);
        Assert.Equal(("stderr", "oops\n"), (result.Outputs[2].StreamName, result.Outputs[2].Text));
        Assert.Equal(("stdout", "c\n"), (result.Outputs[3].StreamName, result.Outputs[3].Text));
    }

    [Fact]
    public async Task Output_from_tasks_started_by_the_cell_is_captured_and_sessions_running_in_parallel_do_not_mix()
    {
        using var first = NewSession();
        using var second = NewSession();

        var results = await Task.WhenAll(
            first.ExecuteAsync("for (var i = 0; i < 50; i++) { await Task.Run(() => Console.WriteLine(\"first\")); }"),
            second.ExecuteAsync("for (var i = 0; i < 50; i++) { await Task.Yield(); Console.WriteLine(\"second\"); }"));

        Assert.Equal(string.Concat(Enumerable.Repeat("first\n", 50)), Assert.Single(results[0].Outputs).Text);
        Assert.Equal(string.Concat(Enumerable.Repeat("second\n", 50)), Assert.Single(results[1].Outputs).Text);
    }

    [Fact]
    public async Task Display_and_HTML_globals_produce_display_data_and_update_replaces_it()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("var shown = display(HTML(\"<b>bold</b>\"));\nvar counter = display(1);\ncounter.Update(2);\n42.Display();\nHTML(\"<i>x</i>\")");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(new[] { "display_data", "display_data", "display_data", "execute_result" }, result.Outputs.Select(o => o.OutputType));
        Assert.Equal("<b>bold</b>", result.Outputs[0].Data["text/html"]);
        Assert.Equal("2", result.Outputs[1].Data["text/plain"]);
        Assert.Equal("42", result.Outputs[2].Data["text/plain"]);
        Assert.Equal("<i>x</i>", result.Outputs[3].Data["text/html"]);
    }

    [Fact]
    public async Task Compile_error_reports_cell_number_execution_count_line_and_column_and_keeps_state()
    {
        using var session = NewSession();
        await session.ExecuteAsync(new CellSubmission("var kept = 5;") { CellNumber = 2 });

        var failed = await session.ExecuteAsync(new CellSubmission("var a = 1;\nvar z = missing + 1;") { CellNumber = 4 });
        var after = await session.ExecuteAsync(new CellSubmission("kept") { CellNumber = 5 });

        Assert.Equal(CellExecutionStatus.Failed, failed.Status);
        var error = failed.Error!;
        Assert.Equal(CellErrorKind.Compilation, error.Kind);
        Assert.Equal("CompilationError", error.EName);
        Assert.Equal((2, 9), (error.Line, error.Column));
        Assert.Contains("Cell 4 (execution count 2), line 2, column 9: error CS0103", error.EValue, StringComparison.Ordinal);
        Assert.Contains("missing", error.EValue, StringComparison.Ordinal);
        Assert.Contains(error.Traceback, l => l.Contains("2 | var z = missing + 1;", StringComparison.Ordinal));
        var output = Assert.Single(failed.Outputs);
        Assert.Equal(CellOutput.ErrorType, output.OutputType);
        Assert.Equal(error.EValue, output.EValue);
        Assert.True(after.Succeeded);
        Assert.Equal(5, after.ReturnValue);
    }

    [Fact]
    public async Task Exception_reports_type_message_and_frames_mapped_to_cells_and_lines()
    {
        using var session = NewSession();
        await session.ExecuteAsync(new CellSubmission("int Check(int v)\n{\n    if (v > 1) throw new InvalidOperationException(\"too big: \" + v);\n    return v;\n}") { CellNumber = 1 });

        var result = await session.ExecuteAsync(new CellSubmission("var before = 1;\nConsole.WriteLine(\"started\");\nCheck(before + 2);") { CellNumber = 3 });

        Assert.Equal(CellExecutionStatus.Failed, result.Status);
        var error = result.Error!;
        Assert.Equal(CellErrorKind.Exception, error.Kind);
        Assert.Equal("InvalidOperationException", error.EName);
        Assert.Equal("too big: 3", error.EValue);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("Cell 3 (execution count 2), line 3: System.InvalidOperationException: too big: 3", error.Traceback[0], StringComparison.Ordinal);
        Assert.Contains(error.Traceback, l => l.Contains("at Check(Int32 v) in cell 1, line 3", StringComparison.Ordinal));
        Assert.Contains(error.Traceback, l => l.Contains("at <cell 3> in cell 3, line 3", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Traceback, l => l.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.Equal(new[] { "stream", "error" }, result.Outputs.Select(o => o.OutputType)); // output before the throw is kept
    }

    [Fact]
    public async Task A_failed_cell_keeps_previous_state()
    {
        using var session = NewSession();
        await session.ExecuteAsync("var counter = 1;");

        await session.ExecuteAsync("counter = 2;\nthrow new Exception(\"x\");");
        var result = await session.ExecuteAsync("counter");

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.ReturnValue);
    }

    [Fact]
    public async Task Leading_csharp_line_is_stripped_without_shifting_line_numbers()
    {
        using var session = NewSession();

        var ok = await session.ExecuteAsync("#!csharp\n1 + 1");
        var bad = await session.ExecuteAsync("#!csharp\nvar x = ;");

        Assert.Equal(2, ok.ReturnValue);
        Assert.Equal(2, bad.Error!.Line);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", null, "fsharp")]
    [InlineData("\n#!pwsh\nGet-Date", null, "pwsh")]
    [InlineData("let x = 1", "fsharp", "fsharp")]
    [InlineData("SELECT 1", "sql", "sql")]
    public async Task Cells_of_another_language_are_reported_as_unsupported(string code, string? kernel, string expected)
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(new CellSubmission(code) { CellNumber = 6, KernelName = kernel });

        Assert.Equal(CellErrorKind.UnsupportedLanguage, result.Error!.Kind);
        Assert.Contains($"Cell 6 is a '{expected}' cell; this kernel runs C# cells only", result.Error.EValue, StringComparison.Ordinal);
        Assert.Equal(CellOutput.ErrorType, Assert.Single(result.Outputs).OutputType);
    }

    [Fact]
    public async Task Unsupported_magic_commands_are_reported()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("#!linqify\nvar x = 1;");

        Assert.Equal(CellErrorKind.UnsupportedDirective, result.Error!.Kind);
        Assert.Contains("'#!linqify'", result.Error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_r_resolves_relative_to_the_base_directory_and_hash_load_too()
    {
        using var dir = new TempDirectory();
        var name = "Tiny" + Guid.NewGuid().ToString("N");
        TinyAssembly.Emit(dir.File($"lib/{name}.dll"), name, "namespace Tiny { public static class Greeter { public static string Hello(string n) => \"hello \" + n; } }");
        dir.Write("scripts/helpers.csx", "string Shout(string s) => s.ToUpperInvariant() + \"!\";");
        var elsewhere = Directory.GetCurrentDirectory();
        using var session = NewSession(dir.Path);

        var referenced = await session.ExecuteAsync($"#r \"lib/{name}.dll\"\nTiny.Greeter.Hello(\"notebook\")");
        var loaded = await session.ExecuteAsync("#load \"scripts/helpers.csx\"\nShout(\"hi\")");

        Assert.NotEqual(dir.Path, elsewhere);
        Assert.True(referenced.Succeeded, referenced.Error?.EValue);
        Assert.Equal("hello notebook", referenced.ReturnValue);
        Assert.True(loaded.Succeeded, loaded.Error?.EValue);
        Assert.Equal("HI!", loaded.ReturnValue);
    }

    [Fact]
    public async Task Missing_reference_is_a_compile_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        using var session = NewSession(dir.Path);

        var result = await session.ExecuteAsync("#r \"nope/Missing.dll\"\n1");

        Assert.Equal(CellErrorKind.Compilation, result.Error!.Kind);
        Assert.Contains("Missing.dll", result.Error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_abandons_the_cell_with_a_TimeoutException_error_and_the_session_continues()
    {
        using var session = NewSession();
        await session.ExecuteAsync("var before = 1;");
        var timeout = TimeSpan.FromMilliseconds(300);

        var asyncWait = await session.ExecuteAsync(new CellSubmission("Console.WriteLine(\"waiting\");\nawait Task.Delay(10000);") { CellNumber = 2, Timeout = timeout });
        var blocking = await session.ExecuteAsync(new CellSubmission("System.Threading.Thread.Sleep(3000);") { CellNumber = 3, Timeout = timeout });
        var after = await session.ExecuteAsync("before");

        Assert.Equal(CellExecutionStatus.TimedOut, asyncWait.Status);
        Assert.Equal("TimeoutException", asyncWait.Error!.EName);
        Assert.Contains("Cell 2 (execution count 2) did not finish within 300 ms", asyncWait.Error.EValue, StringComparison.Ordinal);
        Assert.Equal(new[] { "stream", "error" }, asyncWait.Outputs.Select(o => o.OutputType));
        Assert.Equal(CellExecutionStatus.TimedOut, blocking.Status);
        Assert.Equal(1, after.ReturnValue);
    }

    [Fact]
    public async Task Cancellation_throws()
    {
        using var session = NewSession();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.ExecuteAsync("await Task.Delay(5000);", cts.Token));
    }
}
