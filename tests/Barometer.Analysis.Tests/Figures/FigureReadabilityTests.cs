using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Charts.Export;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Tests.Charts;

namespace Barometer.Analysis.Tests.Figures;

/// <summary>The defects found when the charts were read as an analyst would (issue 11, item 5), each kept from returning.</summary>
public class FigureReadabilityTests
{
    private static JsonNode Json(string name) => JsonNode.Parse(FigureJson.Of(ChartTestData.Figure(name).Chart))!;

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [Fact]
    public void Every_label_writes_negative_numbers_with_the_minus_sign_the_axes_use()
    {
        foreach (var f in ChartTestData.Figures)
        {
            var json = Json(f.Name);
            var labels = Strings(json["data"]).Concat(Strings(json["layout"]))
                .Where(s => !s.StartsWith('#') && !s.Contains("%{", StringComparison.Ordinal));
            Assert.DoesNotContain(labels, s => Regex.IsMatch(s, @"(^|[\s(>])-\d"));
        }
    }

    [Fact]
    public void Equal_values_of_two_partners_at_one_issue_are_drawn_side_by_side()
    {
        var data = Json(IssueFigures.Names.ForeignPolicyDynamics)["data"]!.AsArray();
        var points = data.Where(t => t!["x"]!.AsArray().Count > 1)
            .SelectMany(t => t!["x"]!.AsArray().Zip(t["y"]!.AsArray(), (x, y) => (X: (double)x!, Y: (int?)y)))
            .Where(p => p.Y is not null).ToArray();
        Assert.Equal(points.Length, points.Distinct().Count());
        Assert.All(points.GroupBy(p => Math.Round(p.X)), g => Assert.Equal(g.Count(), g.Select(p => p.X).Distinct().Count()));
    }

    [Fact]
    public void A_series_without_two_consecutive_values_is_drawn_and_keyed_as_markers_only()
    {
        var data = Json(IssueFigures.Names.ForeignPolicyDynamics)["data"]!.AsArray();
        Assert.All(data, t => Assert.Equal("markers", (string?)t!["mode"]));
    }

    [Fact]
    public void The_issue_axis_names_integer_issues_without_rotating_labels()
    {
        var axis = Json(IssueFigures.Names.ForeignPolicyDynamics)["layout"]!["xaxis"]!;
        Assert.Equal(0, (int)axis["tickangle"]!);
        Assert.All(axis["tickvals"]!.AsArray(), v => Assert.Equal((double)v!, Math.Round((double)v!)));
    }

    [Fact]
    public void The_national_security_axis_is_an_integer_scale_of_at_least_plus_minus_five()
    {
        var axis = Json(IssueFigures.Names.NationalSecurityDynamics)["layout"]!["yaxis"]!;
        Assert.Equal("d", (string?)axis["tickformat"]);
        Assert.True((double)axis["range"]![0]! <= -5 && (double)axis["range"]![1]! >= 5);
        Assert.Equal(1, (int)axis["dtick"]!);
    }

    [Fact]
    public void The_gallery_and_image_titles_agree()
    {
        foreach (var f in ChartTestData.Figures)
        {
            Assert.StartsWith(PlotlyText.Escape(f.Title), FigureHtml.TitleText(f.Chart));
        }
    }

    [Fact]
    public void The_gallery_page_names_its_issue()
    {
        var gallery = FigureExporter.Gallery(ChartTestData.Figures, false, "p.js", [], IssueFigures.GalleryTitle(ChartTestData.Reproduction.Indices.Issue));
        Assert.Contains("<title>Minsk Barometer No 18 (November–December 2020): figures</title>", gallery);
        Assert.Contains("<h1>Minsk Barometer No 18 (November–December 2020): figures</h1>", gallery);
    }

    [Fact]
    public void The_regional_tension_subtitle_shows_the_marker_the_chart_draws()
    {
        var json = Json(IssueFigures.Names.RegionalTensionDynamics);
        Assert.Equal("diamond-open", (string?)json["data"]![1]!["marker"]!["symbol"]);
        Assert.Contains("◇", (string?)json["layout"]!["title"]!["text"]);
    }

    [Fact]
    public void Each_partner_has_one_legend_entry_in_its_colour_grouped_with_its_series()
    {
        var data = Json(IssueFigures.Names.ForeignPolicyDynamics)["data"]!.AsArray();
        foreach (var partner in ChartTestData.Data.Partners)
        {
            var group = data.Where(t => (string?)t!["legendgroup"] == partner.Code).ToArray();
            Assert.Equal(2, group.Length);
            var entry = Assert.Single(group, t => (bool?)t!["showlegend"] != false);
            Assert.Equal("square", (string?)entry!["marker"]!["symbol"]);
            Assert.Equal((string?)entry["marker"]!["color"], (string?)group.Single(t => t != entry)!["marker"]!["color"]);
        }
    }
}
