using System.Text.Json;
using System.Text.Json.Nodes;
using Barometer.Analysis.Charts;

namespace Barometer.Analysis.Tests.Charts;

public class FigureJsonTests
{
    private static JsonObject Parse(Figure f) => JsonNode.Parse(f.ToJson())!.AsObject();

    [Fact]
    public void Unset_properties_are_omitted_so_plotly_defaults_apply()
    {
        var json = Parse(Chart.Combine(new Bar { X = ["a"], Y = [1] }));
        var trace = json["data"]![0]!.AsObject();
        Assert.Equal(["type", "x", "y"], trace.Select(p => p.Key).ToArray());
        Assert.Equal("bar", (string?)trace["type"]);
        Assert.Empty(json["layout"]!.AsObject());
        Assert.False(json["config"]!.AsObject().ContainsKey("toImageButtonOptions"));
    }

    [Fact]
    public void Traces_serialise_as_their_own_type_with_plotly_attribute_names()
    {
        var figure = Chart.Combine(
            Chart.StepLine(new[] { 1, 2 }, new int?[] { 3, null }, "steps"),
            Chart.Table(["A", "B"], [["x", 1]]));
        var json = Parse(figure);
        var step = json["data"]![0]!;
        Assert.Equal("scatter", (string?)step["type"]);
        Assert.Equal("hv", (string?)step["line"]!["shape"]);
        Assert.False((bool)step["connectgaps"]!);
        Assert.Null(step["y"]![1]); // a gap stays a null, never a made-up value
        var table = json["data"]![1]!;
        Assert.Equal("table", (string?)table["type"]);
        Assert.Equal("A", (string?)table["header"]!["values"]![0]![0]);
        Assert.Equal(1, (int)table["cells"]!["values"]![1]![0]!);
    }

    [Fact]
    public void One_or_many_attributes_write_a_scalar_or_an_array()
    {
        var json = Parse(Chart.Combine(new Scatter { Marker = new Marker { Color = "red", Symbol = new[] { "circle", "diamond" } } }));
        var marker = json["data"]![0]!["marker"]!;
        Assert.Equal(JsonValueKind.String, marker["color"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Array, marker["symbol"]!.GetValueKind());
    }

    [Fact]
    public void Extension_data_is_the_escape_hatch_for_unmodelled_attributes()
    {
        var figure = Chart.Combine(new Scatter { Extra = new() { ["hoverlabel"] = new { bgcolor = "white" } } })
            .WithLayout(l => l with { Extra = new() { ["dragmode"] = false } });
        var json = Parse(figure);
        Assert.Equal("white", (string?)json["data"]![0]!["hoverlabel"]!["bgcolor"]);
        Assert.False((bool)json["layout"]!["dragmode"]!);
    }

    [Fact]
    public void Dates_are_written_as_iso_days()
    {
        var json = Parse(Chart.Combine(Chart.Line(new[] { new DateOnly(2020, 11, 1) }, new[] { 1 })));
        Assert.Equal("2020-11-01", (string?)json["data"]![0]!["x"]![0]);
    }

    [Fact]
    public void Json_escapes_html_sensitive_characters_but_keeps_letters_readable()
    {
        var text = Chart.Combine(new Scatter { Name = "</script><script>alert(1)</script> & Mahilioŭ" }).ToJson();
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain(">", text);
        Assert.DoesNotContain("&", text);
        Assert.Contains("Mahilioŭ", text);
        Assert.Equal("</script><script>alert(1)</script> & Mahilioŭ", (string?)JsonNode.Parse(text)!["data"]![0]!["name"]);
    }

    [Fact]
    public void Json_round_trips_through_the_figure_for_every_issue_figure()
    {
        foreach (var f in ChartTestData.Figures)
        {
            var compact = JsonNode.Parse(f.Figure.ToJson(indented: false));
            var indented = JsonNode.Parse(f.Figure.ToJson());
            Assert.True(JsonNode.DeepEquals(compact, indented), f.Name);
            Assert.Equal(["data", "layout", "config"], compact!.AsObject().Select(p => p.Key).ToArray());
        }
    }
}
