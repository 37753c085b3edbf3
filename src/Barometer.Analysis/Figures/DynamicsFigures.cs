using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// The across-issue figures: foreign-policy indices, national security, regional tension. The data are sparse, so
/// every issue of the series has a place on the time axis and a missing value is a gap (lines are never bridged);
/// filled markers are computed from a catalogue, open markers were only published.
/// </summary>
public static class DynamicsFigures
{
    public const string ComputedSymbol = "circle";
    public const string PublishedSymbol = "circle-open";
    public const string ColourOnlySymbol = "diamond";

    public static string OriginText(ValueOrigin origin) => origin switch
    {
        ValueOrigin.Computed => "computed from the catalogue",
        ValueOrigin.Published => "published value",
        _ => "no value published",
    };

    public static NamedFigure ForeignPolicy(IssueTimeline t)
    {
        var traces = new List<Trace>();
        for (var i = 0; i < t.Partners.Count; i++)
        {
            var p = t.Partners[i];
            var points = t.PartnerIndex[p.Code];
            var colour = PartnerColour(p, i);
            traces.Add(SeriesTrace(points, PlotlyText.Escape(p.Name), colour));
        }
        traces.AddRange(LegendKey());
        var figure = TimeFigure(t, traces, "Dynamics of foreign policy indices",
                "Aggregate index of each relationship per issue; no line across an issue without a value or missing from the data", "Aggregate index")
            .WithImageButton(IssueFigures.Names.ForeignPolicyDynamics, 960, 540);
        var table = new FigureTable(Columns("partner_code", "partner"),
            t.Partners.SelectMany(p => t.PartnerIndex[p.Code].Select(pt => Row(pt, p.Code, p.Name))).ToArray());
        return new NamedFigure(IssueFigures.Names.ForeignPolicyDynamics, "Dynamics of foreign policy indices",
            "Aggregate index of each relationship across the issues in the data: computed where the issue's catalogue is known, otherwise as published; gaps where neither.",
            figure, table);
    }

    public static NamedFigure NationalSecurity(IssueTimeline t)
    {
        var figure = TimeFigure(t, [SeriesTrace(t.NationalSecurity, "National security", FigureStyle.NationalSecurity), .. LegendKey()],
                "National security", "National-security index per issue; no line across an issue without a value or missing from the data", "Index")
            .WithImageButton(IssueFigures.Names.NationalSecurityDynamics, 960, 540);
        var table = new FigureTable(Columns(), t.NationalSecurity.Select(pt => Row(pt)).ToArray());
        return new NamedFigure(IssueFigures.Names.NationalSecurityDynamics, "National security across issues",
            "The national-security index across the issues in the data: computed where the catalogue is known, otherwise as published.",
            figure, table);
    }

    public static NamedFigure RegionalTension(IssueTimeline t, ColourScale scale)
    {
        var (axisMin, axisMax) = ColourBands.AxisRange(scale, t.RegionalTension.Where(p => p.HasValue).Select(p => p.Value!.Value));
        var spans = ColourBands.Spans(scale, axisMin, axisMax);

        var expanded = WithGaps(t.RegionalTension);
        var numbers = SeriesTrace(t.RegionalTension, "Regional tension index", FigureStyle.RegionalTension) with
        {
            Marker = new Marker
            {
                Color = Ink,
                Symbol = expanded.Select(e => Symbol(e.Point)).ToArray(),
                Size = 12,
                Line = new Line { Color = Ink, Width = 2 },
            },
            Mode = "lines+markers+text",
            Text = expanded.Select(e => e.Point is { Value: { } v } p ? $"{Signed(v)} {PlotlyText.Escape(p.Colour ?? "")}".Trim() : "").ToArray(),
            TextPosition = "top center",
            TextFont = new Font { Size = 13, Color = Ink },
            ClipOnAxis = false,
        };
        var colourOnly = t.RegionalTension.Where(p => !p.HasValue && p.Colour is not null).ToArray();
        var colourTrace = new Scatter
        {
            Name = "Colour only published",
            Mode = "markers+text",
            X = colourOnly.Select(p => (object?)Midpoint(p.Issue.Period)).ToArray(),
            Y = colourOnly.Select(p => (object?)(spans.FirstOrDefault(s => string.Equals(s.Band.Colour, p.Colour, StringComparison.OrdinalIgnoreCase))?.Middle ?? 0)).ToArray(),
            Text = colourOnly.Select(p => PlotlyText.Escape(p.Colour!)).ToArray(),
            TextPosition = "top center",
            ClipOnAxis = false,
            Marker = new Marker
            {
                Symbol = ColourOnlySymbol, Size = 14,
                Color = colourOnly.Select(p => BandFill(p.Colour!)).ToArray(),
                Line = new Line { Color = Ink, Width = 2 },
            },
            CustomData = colourOnly.Select(p => (object?)PlotlyText.Escape(p.Issue.Title)).ToArray(),
            HoverTemplate = "%{customdata}<br>colour %{text} published, no number<extra></extra>",
        };

        var shapes = ColourBands.Shapes(spans, "paper", 0, 1);
        var labels = ColourBands.Labels(spans, new Annotation { X = 1, XRef = "paper", XAnchor = "left", XShift = 6 });

        var key = t.RegionalTension.Any(p => p.HasValue && p.Origin == ValueOrigin.Published) ? LegendKey() : [];
        var figure = TimeFigure(t, [numbers, colourTrace, .. key], "Level of regional tension",
                "Regional-tension index on the colour scale; ◆ where only the colour was published (placed mid-band)", "Index", DTick: 2)
            .WithShapes(shapes)
            .WithAnnotations(labels)
            .WithMargin(new Margin { Left = 70, Right = 150, Top = 90, Bottom = 110 })
            .WithImageButton(IssueFigures.Names.RegionalTensionDynamics, 960, 540);
        figure = figure.WithYAxis(figure.Layout.YAxis! with { Range = [axisMin, axisMax], ShowGrid = false });

        var table = new FigureTable([.. Columns(), "colour"],
            t.RegionalTension.Select(pt => (IReadOnlyList<object?>)[.. Row(pt), pt.Colour]).ToArray());
        return new NamedFigure(IssueFigures.Names.RegionalTensionDynamics, "Regional tension across issues",
            "The regional-tension index across the issues in the data, drawn over the bands of the colour scale; where only a colour was published it is shown as a coloured diamond in its band.",
            figure, table);
    }

    /// <summary>
    /// The points on the time axis with a gap (a null) between two issues whose numbers are not consecutive, so that a
    /// line never bridges issues that are missing from the data.
    /// </summary>
    public static IReadOnlyList<(DateOnly X, TimelinePoint? Point)> WithGaps(IReadOnlyList<TimelinePoint> points)
    {
        var result = new List<(DateOnly, TimelinePoint?)>();
        for (var i = 0; i < points.Count; i++)
        {
            var x = Midpoint(points[i].Issue.Period);
            if (i > 0 && points[i].Issue.Number - points[i - 1].Issue.Number > 1)
            {
                var previous = Midpoint(points[i - 1].Issue.Period);
                result.Add((previous.AddDays((x.DayNumber - previous.DayNumber) / 2), null));
            }
            result.Add((x, points[i]));
        }
        return result;
    }

    /// <summary>A line through the issues' values with a gap where a value or an issue is missing; marker fill tells computed from published.</summary>
    private static Scatter SeriesTrace(IReadOnlyList<TimelinePoint> points, string name, string colour)
    {
        var expanded = WithGaps(points);
        return Chart.Line(expanded.Select(e => e.X), expanded.Select(e => e.Point?.Value), name) with
        {
            Line = new Line { Color = colour, Width = 2.5 },
            Marker = new Marker
            {
                Color = colour, Size = 10, Line = new Line { Color = colour, Width = 2 },
                Symbol = expanded.Select(e => Symbol(e.Point)).ToArray(),
            },
            CustomData = expanded.Select(e => (object?)(e.Point is { } p ? new[] { PlotlyText.Escape(p.Issue.Title), OriginText(p.Origin) } : null)).ToArray(),
            HoverTemplate = "%{customdata[0]}<br>%{y:+d} (%{customdata[1]})",
        };
    }

    private static string Symbol(TimelinePoint? p) => p is { HasValue: true, Origin: ValueOrigin.Published } ? PublishedSymbol : ComputedSymbol;

    /// <summary>Legend entries explaining the markers (traces without points).</summary>
    private static IEnumerable<Trace> LegendKey() =>
    [
        new Scatter { Name = "computed from the catalogue", X = [null], Y = [null], Mode = "markers", Marker = new Marker { Color = Muted, Symbol = ComputedSymbol, Size = 10 } },
        new Scatter { Name = "published value only", X = [null], Y = [null], Mode = "markers", Marker = new Marker { Color = Muted, Symbol = PublishedSymbol, Size = 10, Line = new Line { Width = 2 } } },
    ];

    private static Figure TimeFigure(IssueTimeline t, IEnumerable<Trace> traces, string title, string subtitle, string yTitle, int? DTick = null) =>
        Chart.Combine(traces)
            .WithLayout(_ => BaseLayout(title, subtitle) with
            {
                Legend = new Legend { Orientation = "h", X = 0, Y = -0.2, XAnchor = "left", YAnchor = "top" },
                HoverMode = "closest",
            })
            .WithMargin(new Margin { Left = 70, Right = 30, Top = 90, Bottom = 110 })
            .WithXAxis(Axis(t))
            .WithYAxis(new Axis { Title = yTitle, ZeroLine = true, ZeroLineColor = Muted, GridColor = Grid, DTick = DTick });

    /// <summary>The time axis: one tick per issue of the series, at the middle of its period.</summary>
    private static Axis Axis(IssueTimeline t) => new()
    {
        Type = "date",
        TickMode = "array",
        TickVals = t.Issues.Select(i => (object)Midpoint(i.Period)).ToArray(),
        TickText = t.Issues.Select(i => $"No {i.Number.ToString(CultureInfo.InvariantCulture)}{PlotlyText.LineBreak}{ShortPeriod(i.Period)}").ToArray(),
        Range = t.Issues.Count == 0 ? null : [t.Issues[0].Period.Start.AddDays(-30), t.Issues[^1].Period.End.AddDays(45)],
        ShowGrid = false,
        HoverFormat = "%b %Y",
    };

    private static string[] Columns(params string[] first) =>
        [.. first, "series", "issue", "period_start", "period_end", "value", "origin", "source"];

    private static IReadOnlyList<object?> Row(TimelinePoint p, params object?[] first) =>
        [.. first, p.Issue.Series, p.Issue.Number, p.Issue.Period.Start, p.Issue.Period.End, p.Value, p.Origin.ToString().ToLowerInvariant(), p.Source];
}
