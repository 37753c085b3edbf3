using Barometer.Kernel.Execution;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Compatibility;

/// <summary>PocketView tags, <c>Javascript(...)</c> and <c>DisplayTable()</c> as .NET Interactive notebooks use them.</summary>
public class PocketViewTests
{
    private static ScriptSession NewSession() => new(new ScriptSessionOptions { DocumentName = "html.ipynb" });

    private static async Task<string> HtmlOf(ScriptSession session, string code)
    {
        var result = await session.ExecuteAsync(code);
        Assert.True(result.Succeeded, result.Error?.EValue);
        return result.Outputs.Single().Data["text/html"];
    }

    [Fact]
    public async Task Tags_work_without_a_using_and_render_the_html_NET_Interactive_writes()
    {
        using var session = NewSession();

        Assert.Equal("<div><b>bold</b> and <i>italic</i></div>", await HtmlOf(session, "div(b(\"bold\"), \" and \", i(\"italic\"))"));
        Assert.Equal("<span style=\"color:darkred\">warm</span>", await HtmlOf(session, "span[style: \"color:darkred\"](\"warm\")"));
        Assert.Equal("<p>&lt;not a tag&gt;</p>", await HtmlOf(session, "PocketView encoded = p(\"<not a tag>\");\nencoded"));
        Assert.Equal("<div class=\"note\"><em>raw</em></div>", await HtmlOf(session, "display(div[@class: \"note\"](HTML(\"<em>raw</em>\")));"));
        Assert.Equal("<a href=\"https://example.org/r\" target=\"_blank\" data-id=\"7\">r</a>", await HtmlOf(session, "a[href: \"https://example.org/r\", target: \"_blank\", data_id: 7](\"r\")"));
        Assert.Equal("<span><img src=\"x.png\"></img><br /></span>", await HtmlOf(session, "span(img[src: \"x.png\"], br)"));
    }

    [Fact]
    public async Task Content_from_sequences_numbers_and_objects_and_ToString_is_the_html()
    {
        using var session = NewSession();

        var table = await HtmlOf(session, "var fruits = new[] { (\"apple\", 3), (\"plum\", 7) };\ntable(thead(tr(th(\"fruit\"))), tbody(fruits.Select(f => tr(td(f.Item1), td(f.Item2))).ToArray()))");
        var list = await HtmlOf(session, "ul(new[] { \"one\", \"two\" }.Select(x => li(x)).ToArray())");
        var text = await session.ExecuteAsync("div(h3(\"Title\"), p(\"body\")).ToString()");
        var record = await HtmlOf(session, "b(new { Fruit = \"apple\" })");

        Assert.Equal("<table><thead><tr><th>fruit</th></tr></thead><tbody><tr><td>apple</td><td>3</td></tr><tr><td>plum</td><td>7</td></tr></tbody></table>", table);
        Assert.Equal("<ul><li>one</li><li>two</li></ul>", list);
        Assert.Equal("<div><h3>Title</h3><p>body</p></div>", text.ReturnValue);
        Assert.StartsWith("<b><table>", record, StringComparison.Ordinal);
        Assert.Contains("apple", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_using_static_line_of_NET_Interactive_notebooks_compiles()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("using static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;\nusing Microsoft.DotNet.Interactive.Formatting;\nvar n = typeof(PocketViewTags).GetProperties().Length;\nn > 80");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.True(result.ReturnValue is true, $"{result.ReturnValue}");
    }

    [Fact]
    public async Task Javascript_displays_a_script_element()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("Javascript(\"document.title = 'from C#';\")");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("<script type=\"text/javascript\">document.title = 'from C#';</script>", result.Outputs.Single().Data["text/html"]);
    }

    [Fact]
    public async Task DisplayTable_shows_one_table_for_lists_queries_anonymous_objects_and_scalars()
    {
        using var session = NewSession();
        await session.ExecuteAsync("public record Station(string Name, double Rain);\nvar stations = new List<Station> { new(\"Brest\", 612.5), new(\"Hrodna\", 650.1), new(\"Homel\", 598.0) };");

        var all = await session.ExecuteAsync("stations.DisplayTable();");
        var some = await HtmlOf(session, "stations.Where(s => s.Rain > 600).DisplayTable();");
        var anonymous = await HtmlOf(session, "new[] { new { Month = \"Jan\", Mm = 41 } }.DisplayTable();");
        var scalars = await HtmlOf(session, "new[] { 3, 5 }.DisplayTable();");

        Assert.True(all.Succeeded, all.Error?.EValue);
        var html = Assert.Single(all.Outputs).Data["text/html"];
        Assert.Contains("<th>Name</th><th>Rain</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Hrodna</td><td>650.1</td>", html, StringComparison.Ordinal);
        Assert.Contains("Brest", some, StringComparison.Ordinal);
        Assert.DoesNotContain("Homel", some, StringComparison.Ordinal);
        Assert.Contains("<th>Month</th>", anonymous, StringComparison.Ordinal);
        Assert.Contains("<th>value</th>", scalars, StringComparison.Ordinal);
        Assert.Contains("<td>5</td>", scalars, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KernelInvocationContext_gives_the_cells_cancellation_token()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("using Microsoft.DotNet.Interactive;\nKernelInvocationContext.Current.CancellationToken.CanBeCanceled");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.True(result.ReturnValue is true, $"{result.ReturnValue}");
    }
}
