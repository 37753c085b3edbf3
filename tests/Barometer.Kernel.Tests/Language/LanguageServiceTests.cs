using Barometer.Kernel.Execution;
using Barometer.Kernel.Language;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Language;

public class LanguageServiceTests
{
    private static async Task<(ScriptSession Session, LanguageService Language)> SessionWith(params string[] cells)
    {
        var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "language.ipynb" });
        foreach (var cell in cells)
        {
            var result = await session.ExecuteAsync(cell);
            Assert.True(result.Succeeded, result.Error?.EValue);
        }

        return (session, new LanguageService(session));
    }

    private static int End(string code) => CodePoints.FromUtf16Index(code, code.Length);

    [Fact]
    public async Task Members_of_a_variable_from_an_earlier_cell_are_offered_after_the_dot()
    {
        var (session, language) = await SessionWith("var xs = new List<int>();");
        using (session)
        using (language)
        {
            const string code = "xs.";
            var result = await language.CompleteAsync(code, End(code));

            Assert.Contains("Add", result.Matches);
            Assert.Contains("Count", result.Matches);
            Assert.Equal((3, 3), (result.CursorStart, result.CursorEnd));
            Assert.Equal("method", result.Types.Single(t => t.Text == "Add").Type);
            Assert.Equal("property", result.Types.Single(t => t.Text == "Count").Type);
            Assert.Equal(result.Matches, result.Types.Select(t => t.Text));
        }
    }

    [Fact]
    public async Task A_partial_name_is_completed_and_replaced_from_its_start()
    {
        var (session, language) = await SessionWith();
        using (session)
        using (language)
        {
            const string code = "Console.Wri";
            var result = await language.CompleteAsync(code, End(code));

            Assert.Contains("WriteLine", result.Matches);
            Assert.Contains("Write", result.Matches);
            Assert.DoesNotContain("ReadLine", result.Matches);
            Assert.Equal((8, 11), (result.CursorStart, result.CursorEnd));
        }
    }

    [Fact]
    public async Task Members_of_a_type_declared_in_an_earlier_cell_are_offered()
    {
        var (session, language) = await SessionWith("record Station(string Name, double Level)\n{\n    public double Scaled(double k) => Level * k;\n}", "var s = new Station(\"a\", 1);");
        using (session)
        using (language)
        {
            const string code = "s.";
            var result = await language.CompleteAsync(code, End(code));

            Assert.Contains("Name", result.Matches);
            Assert.Contains("Level", result.Matches);
            Assert.Contains("Scaled", result.Matches);
        }
    }

    [Fact]
    public async Task Usings_keywords_and_namespaces_of_the_session_are_in_scope()
    {
        var (session, language) = await SessionWith("using System.Globalization;");
        using (session)
        using (language)
        {
            var culture = await language.CompleteAsync("CultureInf", 10);
            Assert.Contains("CultureInfo", culture.Matches);
            Assert.Equal("class", culture.Types.First(t => t.Text == "CultureInfo").Type);

            var keyword = await language.CompleteAsync("forea", 5);
            Assert.Contains("foreach", keyword.Matches);
            Assert.Equal("keyword", keyword.Types.First(t => t.Text == "foreach").Type);

            var ns = await language.CompleteAsync("System.Collections.", 19);
            Assert.Contains("Generic", ns.Matches);
            Assert.Equal("namespace", ns.Types.First(t => t.Text == "Generic").Type);
        }
    }

    [Fact]
    public async Task Members_of_a_referenced_assembly_are_offered_and_documented()
    {
        using var folder = new TempDirectory();
        TinyAssembly.Emit(folder.File("lib/Tiny.dll"), "Tiny", "namespace Tiny { public static class Gauge { public static int Reading() => 7; } }");
        File.WriteAllText(folder.File("lib/Tiny.xml"), "<?xml version=\"1.0\"?><doc><assembly><name>Tiny</name></assembly><members><member name=\"M:Tiny.Gauge.Reading\"><summary>The current reading.</summary></member></members></doc>");
        using var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = folder.Path });
        Assert.True((await session.ExecuteAsync("#r \"lib/Tiny.dll\"\nusing Tiny;")).Succeeded);
        using var language = new LanguageService(session);

        var completion = await language.CompleteAsync("Gauge.", 6);
        Assert.Contains("Reading", completion.Matches);

        var inspection = await language.InspectAsync("Gauge.Reading()", 10);
        Assert.True(inspection.Found);
        Assert.Contains("int Gauge.Reading()", inspection.Data["text/plain"], StringComparison.Ordinal);
        Assert.Contains("The current reading.", inspection.Data["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_a_name_refilters_the_list_and_a_new_cell_refreshes_it()
    {
        var (session, language) = await SessionWith("var xs = new List<int>();");
        using (session)
        using (language)
        {
            Assert.Contains("Add", (await language.CompleteAsync("xs.", 3)).Matches);
            var typed = await language.CompleteAsync("xs.Cou", 6);
            Assert.Contains("Count", typed.Matches);
            Assert.DoesNotContain("Add", typed.Matches);
            Assert.Equal((3, 6), (typed.CursorStart, typed.CursorEnd));

            Assert.DoesNotContain("yieldCount", (await language.CompleteAsync("yie", 3)).Matches);
            Assert.True((await session.ExecuteAsync("var yieldCount = 2;")).Succeeded);
            Assert.Contains("yieldCount", (await language.CompleteAsync("yie", 3)).Matches);
        }
    }

    [Theory]
    [InlineData("Math.Sq")]
    [InlineData("Math.")]
    [InlineData("Console.Wri")]
    [InlineData("string.Jo")]
    [InlineData("System.IO.Path.Com")]
    [InlineData("File.Re")]
    [InlineData("DayOfWeek.")]
    [InlineData("DateTime.Now.Da")]
    [InlineData("DateTime.Now.")]
    [InlineData("Enumerable.Ra")]
    [InlineData("xs.Cou")]
    [InlineData("var y = Math.Max(1, xs.Cou")]
    [InlineData("text.Len")]
    [InlineData("var n = 2;\nvar r = Math.Round(n * Math.P")]
    [InlineData("Console.WriteLine(\"x\"); Math.Sq")]
    [InlineData("int.Pa")]
    public async Task A_quick_answer_after_a_dot_is_the_full_services_answer(string code)
    {
        var (session, language) = await SessionWith("var xs = new List<int>();", "var text = \"abc\";");
        using (session)
        using (language)
        {
            var quick = QuickCompletion.TryComplete(session, code, code.Length);
            await language.WarmUpAsync();
            Assert.True(language.CompletionReady);
            var full = await language.CompleteAsync(code, End(code));

            Assert.NotNull(quick);
            Assert.NotEmpty(quick.Matches);
            Assert.Equal(full.Matches, quick.Matches);
            Assert.Equal((full.CursorStart, full.CursorEnd), (quick.CursorStart, quick.CursorEnd));
            Assert.Equal(full.Types, quick.Types);
        }
    }

    [Theory]
    [InlineData("Tw", "Twice", "method")]
    [InlineData("Poi", "Point", "class")]
    [InlineData("xs", "xs", "field")]
    [InlineData("forea", "foreach", "keyword")]
    [InlineData("Conso", "Console", "class")]
    [InlineData("var total = 1;\ntot", "total", "field")]
    [InlineData("Console.WriteLine(Tw", "Twice", "method")]
    public async Task A_quick_answer_for_a_name_offers_what_the_full_service_offers_first(string code, string expected, string kind)
    {
        var (session, language) = await SessionWith("var xs = new List<int>();", "int Twice(int x) => x * 2;", "class Point { public int X; }");
        using (session)
        using (language)
        {
            var quick = QuickCompletion.TryComplete(session, code, code.Length);
            await language.WarmUpAsync();
            var full = await language.CompleteAsync(code, End(code));

            Assert.NotNull(quick);
            Assert.Equal(expected, quick.Matches[0]);
            Assert.Equal(expected, full.Matches[0]);
            Assert.Equal(full.Types[0], quick.Types[0]);
            Assert.Equal(kind, quick.Types[0].Type);
            Assert.Subset(full.Matches.ToHashSet(), quick.Matches.ToHashSet());
        }
    }

    [Theory]
    [InlineData("System.")] // a namespace
    [InlineData("Point.")] // a type a cell declared
    [InlineData("new List<int>().")] // an expression that needs binding
    [InlineData("var s = \"x\"; s.")] // a local of the edited cell
    [InlineData("// Math.Sq")] // a comment
    [InlineData("\"Math.Sq")] // a string
    [InlineData("")]
    public async Task What_the_quick_answer_cannot_name_is_left_to_the_full_service(string code)
    {
        var (session, language) = await SessionWith("class Point { public static int Origin = 0; }");
        using (session)
        using (language)
        {
            Assert.Null(QuickCompletion.TryComplete(session, code, code.Length));
        }
    }

    [Fact]
    public async Task The_first_completion_of_a_fresh_service_is_answered_and_later_ones_come_from_roslyn()
    {
        var (session, language) = await SessionWith();
        using (session)
        using (language)
        {
            Assert.False(language.CompletionReady);
            var first = await language.CompleteAsync("Math.Sq", 7);
            Assert.Equal(["Sqrt", "ReciprocalSqrtEstimate"], first.Matches);
            Assert.Equal((5, 7), (first.CursorStart, first.CursorEnd));
            Assert.Equal(["method", "method"], first.Types.Select(t => t.Type));

            // Inspection and signature help do not depend on it.
            var inspection = await language.InspectAsync("Math.Sqrt", 9);
            Assert.Contains("double Math.Sqrt(double d)", inspection.Data["text/plain"], StringComparison.Ordinal);
            await language.WarmUpAsync();
            Assert.True(language.CompletionReady);
            Assert.Equal(first.Matches, (await language.CompleteAsync("Math.Sq", 7)).Matches);
        }
    }

    [Fact]
    public async Task Cursor_positions_are_code_points_not_utf16_units()
    {
        var (session, language) = await SessionWith("var xs = new List<int>();");
        using (session)
        using (language)
        {
            const string code = "var face = \"\U0001F600\"; xs.Cou"; // the emoji is 2 UTF-16 units, 1 code point
            var cursor = End(code);
            Assert.Equal(code.Length - 1, cursor);

            var result = await language.CompleteAsync(code, cursor);

            Assert.Contains("Count", result.Matches);
            Assert.Equal((cursor - 3, cursor), (result.CursorStart, result.CursorEnd));
        }
    }

    [Fact]
    public async Task Math_Sqrt_is_inspected_with_its_signature_and_framework_documentation()
    {
        var (session, language) = await SessionWith();
        using (session)
        using (language)
        {
            const string code = "Math.Sqrt";
            var result = await language.InspectAsync(code, End(code));

            Assert.True(result.Found);
            var text = result.Data["text/plain"];
            Assert.Contains("double Math.Sqrt(double d)", text, StringComparison.Ordinal);
            Assert.Contains("Returns the square root of a specified number.", text, StringComparison.Ordinal);
            Assert.Contains("d: The number whose square root is to be found.", text, StringComparison.Ordinal);
            Assert.Contains("```csharp\ndouble Math.Sqrt(double d)\n```", result.Data["text/markdown"], StringComparison.Ordinal);
            Assert.Equal("symbol", result.Metadata["kind"]);
        }
    }

    [Fact]
    public async Task A_method_documented_in_an_earlier_cell_is_inspected_with_its_summary_and_remarks_at_detail_1()
    {
        var (session, language) = await SessionWith(
            "/// <summary>Scales a <paramref name=\"value\"/> by the <c>factor</c>.</summary>\n/// <param name=\"value\">What to scale.</param>\n/// <param name=\"factor\">How much.</param>\n/// <remarks>Never rounds.</remarks>\ndouble Scale(double value, double factor) => value * factor;");
        using (session)
        using (language)
        {
            const string code = "Scale(2, 3)";
            var brief = await language.InspectAsync(code, 3);
            var detailed = await language.InspectAsync(code, 3, detailLevel: 1);

            Assert.True(brief.Found);
            Assert.StartsWith("double Scale(double value, double factor)\n", brief.Data["text/plain"], StringComparison.Ordinal);
            Assert.Contains("Scales a value by the factor.", brief.Data["text/plain"], StringComparison.Ordinal);
            Assert.Contains("Scales a `value` by the `factor`.", brief.Data["text/markdown"], StringComparison.Ordinal);
            Assert.Contains("value: What to scale.", brief.Data["text/plain"], StringComparison.Ordinal);
            Assert.DoesNotContain("Never rounds.", brief.Data["text/plain"], StringComparison.Ordinal);
            Assert.Contains("Never rounds.", detailed.Data["text/plain"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_an_open_parenthesis_inspection_is_signature_help_with_every_overload()
    {
        var (session, language) = await SessionWith();
        using (session)
        using (language)
        {
            const string code = "var m = Math.Max(";
            var result = await language.InspectAsync(code, End(code));

            Assert.True(result.Found);
            Assert.Equal("signature-help", result.Metadata["kind"]);
            Assert.Equal(0, result.Metadata["active_parameter"]);
            var text = result.Data["text/plain"];
            Assert.Contains("int Math.Max(int val1, int val2)", text, StringComparison.Ordinal);
            Assert.Contains("double Math.Max(double val1, double val2)", text, StringComparison.Ordinal);
            Assert.Contains("val1 (current): The first of two", text, StringComparison.Ordinal);

            var second = await language.InspectAsync("Math.Max(1, ", 12);
            Assert.Equal(1, second.Metadata["active_parameter"]);
        }
    }

    [Fact]
    public async Task Nothing_under_the_cursor_is_not_found()
    {
        var (session, language) = await SessionWith();
        using (session)
        using (language)
        {
            Assert.False((await language.InspectAsync("   ", 1)).Found);
            Assert.False((await language.InspectAsync("1 + 2", 2)).Found);
        }
    }

    [Fact]
    public async Task Package_directives_in_the_edited_cell_do_not_disturb_completion()
    {
        var (session, language) = await SessionWith("var xs = new List<int>();");
        using (session)
        using (language)
        {
            const string code = "#r \"nuget: Some.Package, 1.0.0\"\nxs.";
            var result = await language.CompleteAsync(code, End(code));
            Assert.Contains("Count", result.Matches);
        }
    }

    [Theory]
    [InlineData("var x = 1;", "complete", "")]
    [InlineData("", "complete", "")]
    [InlineData("x", "complete", "")]
    [InlineData("if (x > 1)\n{", "incomplete", "    ")]
    [InlineData("void F()\n{\n    if (true)\n    {", "incomplete", "        ")]
    [InlineData("var list = new List<int>\n{", "incomplete", "    ")]
    [InlineData("Console.WriteLine(1,", "incomplete", "    ")]
    [InlineData("var s = @\"open", "incomplete", "")]
    [InlineData("int x = ;", "invalid", "")]
    [InlineData("#r \"nuget: MathNet.Numerics, 5.0.0\"", "complete", "")]
    public async Task Is_complete_follows_roslyns_complete_submission_check(string code, string status, string indent)
    {
        var (session, language) = await SessionWith();
        using (session)
        using (language)
        {
            var result = language.IsComplete(code);
            Assert.Equal((status, indent), (result.StatusText, result.Indent));
        }
    }
}
