using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using Barometer.Analysis.Reconciliation;
using Plotly.NET;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// "Relations development indices": per partner the aggregate index (a black bar-wide tick), with positive and
/// negative points as diverging bars, computed from the catalogue. Where the report prints a different number than its
/// own catalogue gives (the reconciliation's mismatches), the printed number is noted under the partner.
/// </summary>
internal static class RelationsFigure
{
    public const string Mismatch = "#b03a2e";

    public static NamedFigure Build(IssueReproduction reproduction)
    {
        var indices = reproduction.Indices;
        var rels = indices.Relationships;
        var issue = indices.Issue;
        var printed = reproduction.Reconciliation.Where(r => r.Partner is not null)
            .ToLookup(r => r.Partner!.Code);

        var names = rels.Select(r => PlotlyText.Escape(r.Partner.Name)).ToArray();
        var tickText = rels.Select(r =>
        {
            var lines = new List<string> { PlotlyText.Bold(PlotlyText.Escape(r.Partner.Name)), $"index {SignedLabel(r.Index)}" };
            lines.AddRange(MismatchNotes(printed[r.Partner.Code])
                .Select(n => $"<span style=\"color:{Mismatch}\">{PlotlyText.Escape(n)}</span>"));
            return string.Join(PlotlyText.LineBreak, lines);
        }).ToArray();

        static string Label(int v) => v == 0 ? "" : SignedLabel(v);
        Trace2D Bars(string name, string colour, Func<Indices.RelationshipIndex, int> value, string what) => Trace("bar",
            ("name", name), ("x", names), ("y", rels.Select(value).ToArray()),
            ("marker", Object(("color", colour))),
            ("text", rels.Select(r => Label(value(r))).ToArray()), ("textposition", "outside"),
            ("customdata", rels.Select(r => SignedLabel(value(r))).ToArray()),
            ("hovertemplate", $"%{{x}}: {what} %{{customdata}}<extra></extra>"),
            ("cliponaxis", false));
        var positive = Bars("Positive points", Positive, r => r.Positive, "positive points");
        var negative = Bars("Negative points", Negative, r => r.Negative, "negative points");
        var aggregate = Trace("scatter", ("name", "Aggregate index"), ("mode", "markers"), ("x", names), ("y", rels.Select(r => r.Index).ToArray()),
            ("marker", Object(("color", Ink), ("symbol", "line-ew-open"), ("size", 46), ("line", Object(("color", Ink), ("width", 4))))),
            ("customdata", rels.Select(r => SignedLabel(r.Index)).ToArray()),
            ("hovertemplate", "%{x}: aggregate index %{customdata}<extra></extra>"));

        var extent = rels.Select(r => Math.Max(r.Positive, -r.Negative)).DefaultIfEmpty(1).Max();
        var hasMismatch = rels.Any(r => MismatchNotes(printed[r.Partner.Code]).Any());
        var layout = BaseLayout($"Relations development indices: {issue.Title}",
                "Aggregate index (black line) = positive + negative points, computed from the catalogue of events (Appendix 1)" +
                (hasMismatch ? "; in red, what the report prints where it differs" : ""))
            .Set("barmode", "relative").Set("bargap", 0.4)
            .Set("legend", HorizontalLegend(1, 1.0, "right", "bottom"))
            .Set("xaxis", Object(("tickmode", "array"), ("tickvals", names), ("ticktext", tickText), ("fixedrange", true), ("automargin", true)))
            .Set("yaxis", PointsAxis(extent))
            .Set("margin", Margin(70, 30, 110, 40));
        var chart = PlotlyProperties.Chart([positive, negative, aggregate], layout, ConfigFor(IssueFigures.Names.RelationsIndices, 960, 540));

        string? Printed(string code, string measure) => printed[code].FirstOrDefault(p => p.Measure == measure)?.Published;
        var table = new FigureTable(
            ["issue", "partner_code", "partner", "index", "positive_points", "negative_points", "events",
             "printed_index", "printed_positive_points", "printed_negative_points", "printed_catalogue_total"],
            rels.Select(r => (IReadOnlyList<object?>)[issue.Number, r.Partner.Code, r.Partner.Name, r.Index, r.Positive, r.Negative, r.Events,
                Printed(r.Partner.Code, Measures.Index), Printed(r.Partner.Code, Measures.Positive),
                Printed(r.Partner.Code, Measures.Negative), Printed(r.Partner.Code, Measures.CatalogueTotal)]).ToArray());
        return new NamedFigure(IssueFigures.Names.RelationsIndices, $"Relations development indices: {issue.Title}",
            "For each relationship, the aggregate index with its positive and negative points, computed from the issue's catalogue of events; where the report prints other numbers, they are noted.",
            chart, table);
    }

    /// <summary>"report: index -14" for each printed value that differs from the computed one (index and catalogue total said once).</summary>
    public static IEnumerable<string> MismatchNotes(IEnumerable<ReconciliationRow> rows) =>
        rows.Where(r => !r.IsMatch)
            .Select(r => (Measure: r.Measure == Measures.CatalogueTotal ? Measures.Index : r.Measure, r.Published))
            .Distinct()
            .Select(m => $"report: {m.Measure} {SignedLabel(int.Parse(m.Published, System.Globalization.CultureInfo.InvariantCulture))}");
}
