using System.Text.Json.Nodes;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Indices;
using Barometer.Analysis.Reconciliation;
using Barometer.Analysis.Tests.Charts;

namespace Barometer.Analysis.Tests.Figures;

public class IssueFiguresTests
{
    private static IssueReproduction Reproduction => ChartTestData.Reproduction;

    private static JsonNode Json(string name) => JsonNode.Parse(FigureJson.Of(ChartTestData.Figure(name).Chart))!;

    /// <summary>The trace named <paramref name="name"/> that holds data (not its legend entry, where a figure has one).</summary>
    private static JsonNode Trace(JsonNode figure, string name)
    {
        var named = figure["data"]!.AsArray().Where(t => (string?)t!["name"] == name).ToArray();
        return named.Length == 1 ? named[0]! : named.Single(t => t!["x"]!.AsArray().Count > 1)!;
    }

    private static int?[] Ints(JsonNode array) => array.AsArray().Select(v => v is null ? (int?)null : (int)v).ToArray();

    [Fact]
    public void The_issue_has_every_figure_once_with_a_stable_name_title_and_rows()
    {
        Assert.Equal(IssueFigures.Names.All, ChartTestData.Figures.Select(f => f.Name).ToArray());
        foreach (var f in ChartTestData.Figures)
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Title));
            Assert.False(string.IsNullOrWhiteSpace(f.Description));
            Assert.NotEmpty(f.Data.Rows);
            Assert.NotNull(FigureHtml.TitleText(f.Chart));
        }
    }

    [Fact]
    public void Relations_bars_are_the_computed_indices()
    {
        var json = Json(IssueFigures.Names.RelationsIndices);
        var rels = Reproduction.Indices.Relationships;
        Assert.Equal(rels.Select(r => (int?)r.Positive), Ints(Trace(json, "Positive points")["y"]!));
        Assert.Equal(rels.Select(r => (int?)r.Negative), Ints(Trace(json, "Negative points")["y"]!));
        Assert.Equal(rels.Select(r => (int?)r.Index), Ints(Trace(json, "Aggregate index")["y"]!));
        Assert.Equal("relative", (string?)json["layout"]!["barmode"]);
        // The report's own numbers, where its catalogue agrees: the EU is -14 from +5 and -19.
        var eu = Reproduction.Indices.For("EU");
        Assert.Equal((-14, 5, -19), (eu.Index, eu.Positive, eu.Negative));
    }

    [Fact]
    public void Relations_note_what_the_report_prints_where_it_differs_from_its_catalogue()
    {
        var ticks = Json(IssueFigures.Names.RelationsIndices)["layout"]!["xaxis"]!["ticktext"]!.AsArray().Select(t => (string)t!).ToArray();
        var partners = Reproduction.Indices.Relationships.Select(r => r.Partner.Code).ToArray();
        foreach (var mismatch in Reproduction.Mismatches.Where(m => m.Partner is not null))
        {
            Assert.Contains("report: ", ticks[Array.IndexOf(partners, mismatch.Partner!.Code)]);
        }

        foreach (var (code, tick) in partners.Zip(ticks))
        {
            if (Reproduction.Mismatches.All(m => m.Partner?.Code != code))
            {
                Assert.DoesNotContain("report:", tick);
            }
        }
    }

    [Fact]
    public void Figures_follow_the_computed_results_not_fixed_numbers()
    {
        // A what-if: one more +5 event for Russia. The relations figure and the cumulative figure must move with it.
        var catalogue = Reproduction.Catalogue;
        var first = catalogue.RelationshipEvents.First(e => e.PartnerCode == "RU");
        var changed = catalogue with
        {
            RelationshipEvents = [.. catalogue.RelationshipEvents, first with { Id = "18-RU-99", Score = 5, Hypothetical = true }],
        };
        var indices = IndexCalculator.Compute(changed, ChartTestData.Data.ColourScale);
        var whatIf = new IssueReproduction(changed, indices, Reconciler.Reconcile(indices, ChartTestData.Data.PublishedFor(18)));
        var figures = IssueFigures.All(whatIf, ChartTestData.Data);
        var relations = JsonNode.Parse(FigureJson.Of(figures.Single(f => f.Name == IssueFigures.Names.RelationsIndices).Chart))!;
        Assert.Equal(Reproduction.Indices.For("RU").Index + 5, Ints(Trace(relations, "Aggregate index")["y"]!)[0]);
        var cumulative = figures.Single(f => f.Name == IssueFigures.Names.CumulativeScores);
        Assert.Contains(cumulative.Data.Rows, r => (string?)r[2] == "18-RU-99" && (bool)r[9]!);
    }

    [Fact]
    public void Security_places_the_regional_tension_on_the_colour_bands()
    {
        var json = Json(IssueFigures.Names.Security);
        var s = Reproduction.Indices.Security;
        Assert.Equal([s.NationalSecurity, s.RegionalTension], Ints(json["data"]![0]!["y"]!));
        var shapes = json["layout"]!["shapes"]!.AsArray();
        Assert.Equal(ChartTestData.Data.ColourScale.Bands.Select(b => b.Colour), shapes.Select(x => (string)x!["name"]!));
        Assert.All(shapes, x => Assert.Equal("below", (string?)x!["layer"]));
        var band = shapes.Single(x => (string?)x!["name"] == s.Colour.Colour)!;
        Assert.InRange(s.RegionalTension, (double)band["y0"]!, (double)band["y1"]!);
    }

    [Fact]
    public void Dynamics_show_gaps_honestly_and_mark_computed_against_published_points()
    {
        var json = Json(IssueFigures.Names.ForeignPolicyDynamics);
        var issues = ChartTestData.Data.Issues.Where(i => i.Series == Reproduction.Indices.Issue.Series).OrderBy(i => i.Period.Start).ToArray();
        var russia = Trace(json, "Russia");
        Assert.False((bool)russia["connectgaps"]!);
        var x = russia["x"]!.AsArray().Select(v => (double)v!).ToArray();
        var y = Ints(russia["y"]!);
        var symbols = russia["marker"]!["symbol"]!.AsArray().Select(s => (string)s!).ToArray();
        // Russia is the first of five partners: its markers sit two offsets left of each issue number.
        var offset = -2 * DynamicsFigures.PartnerOffset;
        int At(int issue) => Array.FindIndex(x, v => Math.Abs(v - (issue + offset)) < 1e-9);
        Assert.All(issues, i => Assert.True(At(i.Number) >= 0, $"issue {i.Number} has no place on the axis"));
        Assert.Equal(Reproduction.Indices.For("RU").Index, y[At(18)]);
        Assert.Equal(DynamicsFigures.ComputedSymbol, symbols[At(18)]);
        var published3 = ChartTestData.Data.PublishedFor(3).Single(v => v.Measure == "index" && v.PartnerCode == "RU").NumericValue;
        Assert.Equal(published3, y[At(3)]);
        Assert.Equal(DynamicsFigures.PublishedSymbol, symbols[At(3)]);
        Assert.Null(y[At(5)]); // no published Russia index for issue 5: a gap, not a zero
        // Issues 9-13 are not in the data: the line from No 8 to No 14 is broken by a null between them.
        Assert.Equal(At(8) + 2, At(14));
        Assert.Null(y[At(8) + 1]);
    }

    [Fact]
    public void Regional_tension_shows_published_colours_without_numbers()
    {
        var json = Json(IssueFigures.Names.RegionalTensionDynamics);
        var colourOnly = Trace(json, "Colour only published");
        var expected = ChartTestData.Data.PublishedValues
            .Where(v => v.Series == Reproduction.Indices.Issue.Series && v.Measure == "regional_tension_colour" && v.Issue != 18)
            .Select(v => v.Value).ToArray();
        Assert.Equal(expected, colourOnly["text"]!.AsArray().Select(t => (string)t!).ToArray());
        Assert.Equal(5, json["layout"]!["shapes"]!.AsArray().Count);
    }

    [Fact]
    public void The_colour_scale_table_has_a_row_per_band_coloured_by_its_band()
    {
        var json = Json(IssueFigures.Names.ColourScale);
        var table = json["data"]![0]!;
        Assert.Equal("table", (string?)table["type"]);
        var columns = table["cells"]!["values"]!.AsArray();
        Assert.Equal(ChartTestData.Data.ColourScale.Bands.Count, columns[0]!.AsArray().Count);
        var here = columns[4]!.AsArray().Select(c => (string)c!).ToArray();
        var yellow = ChartTestData.Data.ColourScale.Bands.ToList().IndexOf(Reproduction.Indices.Security.Colour);
        Assert.Contains(FigureStyle.SignedLabel(Reproduction.Indices.Security.RegionalTension), here[yellow]);
        Assert.Equal(5, table["cells"]!["fill"]!["color"]!.AsArray().Count);
    }

    [Fact]
    public void Cumulative_scores_end_at_each_index_and_carry_labels_on_hover()
    {
        var json = Json(IssueFigures.Names.CumulativeScores);
        foreach (var r in Reproduction.Indices.Relationships)
        {
            var trace = Trace(json, r.Partner.Name);
            Assert.Equal("hv", (string?)trace["line"]!["shape"]);
            var y = Ints(trace["y"]!);
            Assert.Equal(r.Index, y[^1]);
            Assert.Equal(r.Events + 2, y.Length); // start, each event, end
        }
        var first = Reproduction.Catalogue.RelationshipEvents.First(e => e.PartnerCode == "RU");
        Assert.Contains(first.Label, Trace(json, "Russia")["customdata"]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void A_hostile_event_label_is_escaped_for_plotly_and_for_html()
    {
        const string label = "<script>alert(1)</script> & <b>bold</b>";
        var catalogue = Reproduction.Catalogue with
        {
            RelationshipEvents = [Reproduction.Catalogue.RelationshipEvents[0] with { Label = label }],
        };
        var figure = CumulativeScoreFigure.Build(catalogue);
        var json = JsonNode.Parse(FigureJson.Of(figure.Chart))!;
        var custom = json["data"]![0]!["customdata"]![1]![0]!.GetValue<string>();
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", custom);
        Assert.DoesNotContain("<script", FigureHtml.Page(figure.Chart, new PlotlyJsReference.File("p.js")).Replace("<script src=\"p.js\"", "").Replace("<script>\n(function", ""));
        Assert.Equal(label, figure.Data.Rows[0][6]); // the CSV keeps the label as it is
    }
}
