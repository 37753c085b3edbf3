using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// Not in the report: each relationship's running total through the period, a step at every event (ordered by the
/// first day its date denotes, then catalogue order), with the event's label, date and score on hover.
/// </summary>
public static class CumulativeScoreFigure
{
    public static NamedFigure Build(IssueCatalogue catalogue)
    {
        var issue = catalogue.Issue;
        var byPartner = catalogue.RelationshipEvents.ToLookup(e => e.PartnerCode);
        var traces = new List<Trace>();
        var annotations = new List<Annotation>();
        var rows = new List<IReadOnlyList<object?>>();
        var endX = issue.Period.End;

        for (var i = 0; i < catalogue.Partners.Count; i++)
        {
            var partner = catalogue.Partners[i];
            var colour = PartnerColour(partner, i);
            var events = byPartner[partner.Code].Select((e, n) => (e, n)).OrderBy(x => x.e.Date.Start).ThenBy(x => x.n).Select(x => x.e).ToArray();
            var x = new List<object?> { issue.Period.Start };
            var y = new List<object?> { 0 };
            var custom = new List<object?> { new[] { "start of the period", "", "" } };
            var sizes = new List<double> { 0 };
            var total = 0;
            foreach (var e in events)
            {
                total += e.Score;
                x.Add(e.Date.Start);
                y.Add(total);
                var label = PlotlyText.Escape(e.Label) + (e.Hypothetical ? " (hypothetical)" : "");
                var dateNote = e.Date.IsSingleDay ? PlotlyText.Escape(e.Date.Text) : $"{PlotlyText.Escape(e.Date.Text)} (placed at its first day)";
                custom.Add(new[] { label, dateNote, Signed(e.Score) });
                sizes.Add(7);
                rows.Add([partner.Code, partner.Name, e.Id, e.Date.Text, e.Date.Start, e.Date.End, e.Label, e.Score, total, e.Hypothetical]);
            }
            x.Add(endX);
            y.Add(total);
            custom.Add(new[] { "end of the period", "", "" });
            sizes.Add(0);

            var name = PlotlyText.Escape(partner.Name);
            traces.Add(Chart.StepLine(x, y, name) with
            {
                Line = new Line { Shape = "hv", Color = colour, Width = 2.5 },
                Marker = new Marker { Color = colour, Size = sizes },
                CustomData = custom,
                HoverTemplate = "%{customdata[1]}: %{customdata[0]}<br>score %{customdata[2]}, running total %{y:+d}",
            });
            annotations.Add(new Annotation
            {
                Text = $"{name} {Signed(total)}", X = endX, Y = total, XRef = "x", YRef = "y", XAnchor = "left", XShift = 4,
                ShowArrow = false, Font = new Font { Color = colour, Size = 13 },
            });
        }

        var figure = Chart.Combine(traces)
            .WithLayout(_ => BaseLayout($"Cumulative score through the period: {issue.Title}",
                "Running total of each relationship's event scores; each step is an event (hover for its label). Not a chart of the report.") with
            {
                HoverMode = "closest",
                Legend = new Legend { Orientation = "h", X = 0, Y = -0.12, XAnchor = "left", YAnchor = "top" },
            })
            .WithMargin(new Margin { Left = 70, Right = 110, Top = 90, Bottom = 100 })
            .WithXAxis(new Axis
            {
                Type = "date", Range = [issue.Period.Start.AddDays(-1), issue.Period.End.AddDays(1)], TickFormat = "%-d %b",
                HoverFormat = "%-d %b %Y", GridColor = Grid,
            })
            .WithYAxis(new Axis { Title = "Running total of scores", ZeroLine = true, ZeroLineColor = Ink, GridColor = Grid })
            .WithAnnotations(annotations)
            .WithImageButton(IssueFigures.Names.CumulativeScores, 1100, 600);

        var table = new FigureTable(
            ["partner_code", "partner", "event_id", "date", "date_start", "date_end", "label", "score", "cumulative", "hypothetical"], rows);
        return new NamedFigure(IssueFigures.Names.CumulativeScores,
            $"Cumulative score through the period: {issue.Title}",
            $"Not in the report: each relationship's running total over the {catalogue.RelationshipEvents.Count.ToString(CultureInfo.InvariantCulture)} events of the catalogue, ordered by date; hover a step for the event.",
            figure, table, 1100, 600);
    }
}
