using Barometer.Analysis.Charts;
using Plotly.NET;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Analysis.Tests.Charts;

public class FigureHtmlTests
{
    private const string Attack = "</script><script>alert('x')</script><img src=x onerror=alert(1)>";

    private static GenericChart Hostile() => PlotlyProperties.Chart(
        [PlotlyProperties.Trace("bar", ("x", new[] { Attack }), ("y", new[] { 1 }), ("name", Attack), ("customdata", new[] { Attack }))],
        PlotlyProperties.Layout(("title", PlotlyProperties.Object(("text", PlotlyText.Escape(Attack))))));

    [Theory]
    [InlineData("cdn")]
    [InlineData("file")]
    [InlineData("inline")]
    [InlineData("global")]
    public void A_label_with_script_tags_never_reaches_the_page_as_markup(string how)
    {
        PlotlyJsReference reference = how switch
        {
            "cdn" => new PlotlyJsReference.Cdn(Attack),
            "file" => new PlotlyJsReference.File("plotly.js"),
            "inline" => new PlotlyJsReference.Inline("window.Plotly = {};"),
            _ => new PlotlyJsReference.Global(),
        };
        var html = FigureHtml.Page(Hostile(), reference);
        Assert.DoesNotContain("alert('x')</script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script>alert", html);
        // The page title is HTML-encoded text; the figure JSON has \u003C escapes.
        Assert.Contains("<title>&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("\\u003C/script\\u003E", html);
    }

    [Fact]
    public void The_cdn_note_is_visible_and_the_pinned_version_is_referenced()
    {
        var html = FigureHtml.Page(Hostile(), new PlotlyJsReference.Cdn("loaded from the CDN <because>"));
        Assert.Contains($"<script src=\"{PlotlyJs.CdnUrl}\"", html);
        Assert.Contains("<p class=\"note\" id=\"plotly-note\">loaded from the CDN &lt;because&gt;</p>", html);
        Assert.Contains(PlotlyJs.Version, PlotlyJs.CdnUrl);
    }

    [Fact]
    public void An_inlined_library_cannot_close_its_script_element()
    {
        var html = FigureHtml.Page(PlotlyProperties.Chart([], PlotlyProperties.Layout()), new PlotlyJsReference.Inline("var s = '</script>';"));
        Assert.Contains("var s = '<\\/script>';", html);
    }

    [Fact]
    public void The_fragment_loads_plotly_only_when_the_page_has_none()
    {
        var fragment = FigureHtml.Fragment(Hostile(), "fig-1");
        Assert.StartsWith("<div id=\"fig-1\"", fragment);
        Assert.Contains("typeof Plotly !== \"undefined\"", fragment);
        Assert.Contains(PlotlyJs.CdnUrl, fragment);
        Assert.DoesNotContain("<img", fragment);
    }

    [Fact]
    public void ToHtml_is_pure()
    {
        var chart = ChartTestData.Figures[0].Chart;
        var reference = new PlotlyJsReference.File(PlotlyJs.BesideFileName);
        Assert.Equal(FigureHtml.Page(chart, reference), FigureHtml.Page(chart, reference));
        Assert.Equal(FigureJson.Of(chart), FigureJson.Of(chart));
    }

    [Fact]
    public void Plotly_text_escaping_covers_the_three_markup_characters()
    {
        Assert.Equal("a &lt;b&gt; &amp; c", PlotlyText.Escape("a <b> & c"));
        Assert.Equal("plain", PlotlyText.Escape("plain"));
        Assert.Equal("a b <c>", FigureHtml.StripTags("<b>a</b><br>b &lt;c&gt;"));
    }
}
