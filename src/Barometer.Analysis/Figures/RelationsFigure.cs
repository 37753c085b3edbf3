using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using Barometer.Analysis.Reconciliation;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// "Relations development indices": per partner the aggregate index (a black bar-wide tick), with positive and
/// negative points as diverging bars, computed from the catalogue. Where the report prints a different number than its
/// own catalogue gives (the reconciliation's mismatches), the printed number is noted under the partner.
/// </summary>
public static class RelationsFigure
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
            var lines = new List<string> { PlotlyText.Bold(PlotlyText.Escape(r.Partner.Name)), $"index {Signed(r.Index)}" };
            lines.AddRange(MismatchNotes(printed[r.Partner.Code])
                .Select(n => $"<span style=\"color:{Mismatch}\">{PlotlyText.Escape(n)}</span>"));
            return string.Join(PlotlyText.LineBreak, lines);
        }).ToArray();

        static string Label(int v) => v == 0 ? "" : Signed(v);
        var positive = Chart.Bar(names, rels.Select(r => r.Positive), "Positive points") with
        {
            Marker = new Marker { Color = Positive },
            Text = rels.Select(r => Label(r.Positive)).ToArray(),
            TextPosition = "outside",
            CustomData = rels.Select(r => (object?)Signed(r.Positive)).ToArray(),
            HoverTemplate = "%{x}: positive points %{customdata}<extra></extra>",
            ClipOnAxis = false,
        };
        var negative = Chart.Bar(names, rels.Select(r => r.Negative), "Negative points") with
        {
            Marker = new Marker { Color = Negative },
            Text = rels.Select(r => Label(r.Negative)).ToArray(),
            TextPosition = "outside",
            CustomData = rels.Select(r => (object?)Signed(r.Negative)).ToArray(),
            HoverTemplate = "%{x}: negative points %{customdata}<extra></extra>",
            ClipOnAxis = false,
        };
        var aggregate = Chart.Markers(names, rels.Select(r => r.Index), "Aggregate index") with
        {
            Marker = new Marker { Color = Ink, Symbol = "line-ew-open", Size = 46, Line = new Line { Color = Ink, Width = 4 } },
            CustomData = rels.Select(r => (object?)Signed(r.Index)).ToArray(),
            HoverTemplate = "%{x}: aggregate index %{customdata}<extra></extra>",
        };

        var extent = rels.Select(r => Math.Max(r.Positive, -r.Negative)).DefaultIfEmpty(1).Max();
        var hasMismatch = rels.Any(r => MismatchNotes(printed[r.Partner.Code]).Any());
        var figure = Chart.Combine(positive, negative, aggregate)
            .WithLayout(_ => BaseLayout($"Relations development indices: {issue.Title}",
                "Aggregate index (black line) = positive + negative points, computed from the catalogue of events (Appendix 1)" +
                (hasMismatch ? "; in red, what the report prints where it differs" : "")) with
            {
                BarMode = "relative",
                BarGap = 0.4,
                Legend = new Legend { Orientation = "h", X = 1, Y = 1.0, XAnchor = "right", YAnchor = "bottom" },
            })
            .WithXAxis(new Axis { TickMode = "array", TickVals = names, TickText = tickText, FixedRange = true, AutoMargin = true })
            .WithYAxis(PointsAxis(extent))
            .WithMargin(new Margin { Left = 70, Right = 30, Top = 100, Bottom = 40 })
            .WithImageButton(IssueFigures.Names.RelationsIndices, 960, 540);

        string? Printed(string code, string measure) => printed[code].FirstOrDefault(p => p.Measure == measure)?.Published;
        var table = new FigureTable(
            ["issue", "partner_code", "partner", "index", "positive_points", "negative_points", "events",
             "printed_index", "printed_positive_points", "printed_negative_points", "printed_catalogue_total"],
            rels.Select(r => (IReadOnlyList<object?>)[issue.Number, r.Partner.Code, r.Partner.Name, r.Index, r.Positive, r.Negative, r.Events,
                Printed(r.Partner.Code, Measures.Index), Printed(r.Partner.Code, Measures.Positive),
                Printed(r.Partner.Code, Measures.Negative), Printed(r.Partner.Code, Measures.CatalogueTotal)]).ToArray());
        return new NamedFigure(IssueFigures.Names.RelationsIndices, $"Relations development indices: {issue.Title}",
            "For each relationship, the aggregate index with its positive and negative points, computed from the issue's catalogue of events; where the report prints other numbers, they are noted.",
            figure, table);
    }

    /// <summary>"report: index -14" for each printed value that differs from the computed one (index and catalogue total said once).</summary>
    public static IEnumerable<string> MismatchNotes(IEnumerable<ReconciliationRow> rows) =>
        rows.Where(r => !r.IsMatch)
            .Select(r => (Measure: r.Measure == Measures.CatalogueTotal ? Measures.Index : r.Measure, r.Published))
            .Distinct()
            .Select(m => $"report: {m.Measure} {Signed(int.Parse(m.Published, System.Globalization.CultureInfo.InvariantCulture))}");
}
