using System.Text.Json.Nodes;
using Barometer.Analysis.Charts;
using Plotly.NET;
using static Barometer.Analysis.Charts.PlotlyProperties;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Analysis.Tests.Charts;

public class FigureJsonTests
{
    private static JsonObject Parse(GenericChart c) => JsonNode.Parse(FigureJson.Of(c))!.AsObject();

    [Fact]
    public void Unset_properties_are_omitted_so_plotly_defaults_apply()
    {
        var json = Parse(Chart([Trace("bar", ("x", new[] { "a" }), ("y", new[] { 1 }), ("name", null))], Layout()));
        var trace = json["data"]![0]!.AsObject();
        Assert.Equal(["type", "x", "y"], trace.Select(p => p.Key).ToArray());
        Assert.Empty(json["layout"]!.AsObject());
        Assert.False(json.ContainsKey("config"));
    }

    [Fact]
    public void A_gap_stays_a_null_and_dates_are_iso_days()
    {
        var json = Parse(Chart([Trace("scatter", ("x", new[] { new DateOnly(2020, 11, 1), new DateOnly(2020, 11, 2) }), ("y", new int?[] { 3, null }))], Layout()));
        var trace = json["data"]![0]!;
        Assert.Equal("2020-11-01", (string?)trace["x"]![0]);
        Assert.Null(trace["y"]![1]);
    }

    [Fact]
    public void The_config_is_written_with_the_figure()
    {
        var json = Parse(Chart([Trace("bar")], Layout(), Config("name", 960, 540)));
        Assert.Equal("name", (string?)json["config"]!["toImageButtonOptions"]!["filename"]);
        Assert.False((bool)json["config"]!["displaylogo"]!);
    }

    [Fact]
    public void Json_escapes_html_sensitive_characters_but_keeps_letters_readable()
    {
        var text = FigureJson.Of(Chart([Trace("scatter", ("name", "</script><script>alert(1)</script> & Mahilioŭ"))], Layout()));
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain(">", text);
        Assert.DoesNotContain("&", text);
        Assert.Contains("Mahilioŭ", text);
        Assert.Equal("</script><script>alert(1)</script> & Mahilioŭ", (string?)JsonNode.Parse(text)!["data"]![0]!["name"]);
    }

    [Fact]
    public void A_chart_built_with_the_csharp_api_serialises_too()
    {
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(x: [1.0, 2.0], y: [3.0, 4.0], Name: "<b>");
        var json = Parse(chart);
        Assert.Equal("scatter", (string?)json["data"]![0]!["type"]);
        Assert.Equal("<b>", (string?)json["data"]![0]!["name"]);
    }

    [Fact]
    public void Every_issue_figure_has_data_layout_and_config_in_both_forms()
    {
        foreach (var f in ChartTestData.Figures)
        {
            var compact = JsonNode.Parse(FigureJson.Of(f.Chart, indented: false));
            var indented = JsonNode.Parse(FigureJson.Of(f.Chart));
            Assert.True(JsonNode.DeepEquals(compact, indented), f.Name);
            Assert.Equal(["data", "layout", "config"], compact!.AsObject().Select(p => p.Key).ToArray());
        }
    }
}
