using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Plotly.NET;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// Not in the report: each relationship's running total through the period, a step at every event (ordered by the
/// first day its date denotes, then catalogue order), with the event's label, date and score on hover.
/// </summary>
internal static class CumulativeScoreFigure
{
    public static NamedFigure Build(IssueCatalogue catalogue)
    {
        var issue = catalogue.Issue;
        var byPartner = catalogue.RelationshipEvents.ToLookup(e => e.PartnerCode);
        var traces = new List<Trace>();
        var annotations = new List<DynamicObj.DynamicObj>();
        var rows = new List<IReadOnlyList<object?>>();
        var endX = issue.Period.End;

        for (var i = 0; i < catalogue.Partners.Count; i++)
        {
            var partner = catalogue.Partners[i];
            var colour = PartnerColour(partner, i);
            var events = byPartner[partner.Code].Select((e, n) => (e, n)).OrderBy(x => x.e.Date.Start).ThenBy(x => x.n).Select(x => x.e).ToArray();
            var x = new List<object?> { issue.Period.Start };
            var y = new List<object?> { 0 };
#pragma warning disable CA1861 // the array becomes part of the returned figure, which callers may change: a shared static array would leak between figures
            var custom = new List<object?> { new[] { "start of the period", "", "", "0" } };
#pragma warning restore CA1861
            var sizes = new List<double> { 0 };
            var total = 0;
            foreach (var e in events)
            {
                total += e.Score;
                x.Add(e.Date.Start);
                y.Add(total);
                var label = PlotlyText.Escape(e.Label) + (e.Hypothetical ? " (hypothetical)" : "");
                var dateNote = e.Date.IsSingleDay ? PlotlyText.Escape(e.Date.Text) : $"{PlotlyText.Escape(e.Date.Text)} (placed at its first day)";
                custom.Add(new[] { label, dateNote, SignedLabel(e.Score), SignedLabel(total) });
                sizes.Add(7);
                rows.Add([partner.Code, partner.Name, e.Id, e.Date.Text, e.Date.Start, e.Date.End, e.Label, e.Score, total, e.Hypothetical]);
            }
            x.Add(endX);
            y.Add(total);
            custom.Add(new[] { "end of the period", "", "", SignedLabel(total) });
            sizes.Add(0);

            var name = PlotlyText.Escape(partner.Name);
            traces.Add(Trace("scatter", ("name", name), ("mode", "lines+markers"), ("x", x.ToArray()), ("y", y.ToArray()),
                ("line", Object(("shape", "hv"), ("color", colour), ("width", 2.5))),
                ("marker", Object(("color", colour), ("size", sizes.ToArray()))),
                ("customdata", custom.ToArray()),
                ("hovertemplate", "%{customdata[1]}: %{customdata[0]}<br>score %{customdata[2]}, running total %{customdata[3]}<extra>" + name + "</extra>")));
            annotations.Add(Object(
                ("text", $"{name} {SignedLabel(total)}"), ("x", endX), ("y", total), ("xref", "x"), ("yref", "y"), ("xanchor", "left"),
                ("xshift", 4), ("showarrow", false), ("font", Object(("color", colour), ("size", 13)))));
        }
        SpreadLabels(annotations);

        var layout = BaseLayout($"Cumulative score through the period: {issue.Title}",
                "Running total of each relationship's event scores; each step is an event (hover for its label). Not a chart of the report.")
            .Set("hovermode", "closest")
            .Set("legend", HorizontalLegend(0, -0.12, "left", "top"))
            .Set("margin", Margin(70, 110, 90, 100))
            .Set("xaxis", Object(("type", "date"), ("range", new[] { issue.Period.Start.AddDays(-1), issue.Period.End.AddDays(1) }),
                ("tickformat", "%-d %b"), ("hoverformat", "%-d %b %Y"), ("gridcolor", Grid)))
            .Set("yaxis", Object(("title", AxisTitle("Running total of scores")), ("zeroline", true), ("zerolinecolor", Ink), ("gridcolor", Grid),
                ("tickformat", "d")))
            .Set("annotations", annotations.ToArray());
        var chart = PlotlyProperties.Chart(traces, layout, ConfigFor(IssueFigures.Names.CumulativeScores, 1100, 600));

        var table = new FigureTable(
            ["partner_code", "partner", "event_id", "date", "date_start", "date_end", "label", "score", "cumulative", "hypothetical"], rows);
        return new NamedFigure(IssueFigures.Names.CumulativeScores,
            $"Cumulative score through the period: {issue.Title}",
            $"Not in the report: each relationship's running total over the {catalogue.RelationshipEvents.Count.ToString(CultureInfo.InvariantCulture)} events of the catalogue, ordered by date; hover a step for the event.",
            chart, table, 1100, 600);
    }

    /// <summary>
    /// End-of-line labels whose totals are close would overlap: moves them apart vertically (in pixels, via <c>yshift</c>)
    /// so that neighbouring labels are at least 16 px apart at the figure's scale, keeping their order.
    /// </summary>
    private static void SpreadLabels(List<DynamicObj.DynamicObj> labels)
    {
        const double pointsApart = 1.6;
        var ordered = labels.Select(l => (Label: l, Y: Convert.ToDouble(l.GetPropertyValue("y"), System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Y).ToArray();
        var placed = new double[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            placed[i] = i == 0 ? ordered[i].Y : Math.Max(ordered[i].Y, placed[i - 1] + pointsApart);
        }

        for (var i = 0; i < ordered.Length; i++)
        {
            if (placed[i] != ordered[i].Y)
            {
                ordered[i].Label.SetProperty("y", placed[i]);
            }
        }
    }
}
