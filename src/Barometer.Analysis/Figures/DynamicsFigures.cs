using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using Plotly.NET;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// The across-issue figures: foreign-policy indices, national security, regional tension. Issues of a series are
/// bimonthly and numbered consecutively, so the x axis is the issue number (each issue of the data has a tick naming
/// its months). The data are sparse: a missing value is a gap (lines are never bridged), and a series with no two
/// consecutive values is drawn as markers only. Filled markers are computed from a catalogue, open markers were only
/// published.
/// </summary>
internal static class DynamicsFigures
{
    public const string ComputedSymbol = "circle";
    public const string PublishedSymbol = "circle-open";
    public const string ColourOnlySymbol = "diamond-open";

    /// <summary>Horizontal distance between the markers of neighbouring partners at one issue (in issues), so equal values stay visible.</summary>
    public const double PartnerOffset = 0.17;

    public const string ForeignPolicyTitle = "Dynamics of foreign policy indices";
    public const string NationalSecurityTitle = "National security across issues";
    public const string RegionalTensionTitle = "Regional tension across issues";

    public static string OriginText(ValueOrigin origin) => origin switch
    {
        ValueOrigin.Computed => "computed from the catalogue",
        ValueOrigin.Published => "published value",
        _ => "no value published",
    };

    public static NamedFigure ForeignPolicy(IssueTimeline t)
    {
        var traces = new List<Trace>();
        var n = t.Partners.Count;
        for (var i = 0; i < n; i++)
        {
            var p = t.Partners[i];
            var offset = (i - (n - 1) / 2.0) * PartnerOffset;
            var name = PlotlyText.Escape(p.Name);
            var colour = PartnerColour(p, i);
            // The series' first marker may be open or filled; the legend shows the partner's colour as a square instead
            // (the same legend group, so clicking it still hides the series).
            traces.Add(SeriesTrace(t.PartnerIndex[p.Code], name, colour, offset).Set("showlegend", false).Set("legendgroup", p.Code));
            traces.Add(Trace("scatter", ("name", name), ("legendgroup", p.Code), ("x", new object?[] { null }), ("y", new object?[] { null }),
                ("mode", "markers"), ("marker", Object(("color", colour), ("symbol", "square"), ("size", 11)))));
        }
        traces.AddRange(LegendKey());
        var layout = TimeLayout(t, ForeignPolicyTitle,
            "Aggregate index per issue; markers of one issue are set side by side so that equal values stay visible; no line across a missing issue",
            "Aggregate index", yRange: null, dtick: 10);
        var chart = PlotlyProperties.Chart(traces, layout, ConfigFor(IssueFigures.Names.ForeignPolicyDynamics, 960, 540));
        var table = new FigureTable(Columns("partner_code", "partner"),
            t.Partners.SelectMany(p => t.PartnerIndex[p.Code].Select(pt => Row(pt, p.Code, p.Name))).ToArray());
        return new NamedFigure(IssueFigures.Names.ForeignPolicyDynamics, ForeignPolicyTitle,
            "Aggregate index of each relationship across the issues in the data: computed where the issue's catalogue is known, otherwise as published; gaps where neither.",
            chart, table);
    }

    public static NamedFigure NationalSecurity(IssueTimeline t)
    {
        var known = t.NationalSecurity.Where(p => p.HasValue).Select(p => p.Value!.Value).ToArray();
        // An integer index that is often 0: a symmetric range of at least ±5 so a value reads against its scale.
        var extent = Math.Max(5, known.Select(Math.Abs).DefaultIfEmpty(0).Max() + 1);
        var trace = SeriesTrace(t.NationalSecurity, "National security", FigureStyle.NationalSecurity, 0, withLabels: true);
        var key = t.NationalSecurity.Any(p => p.HasValue && p.Origin == ValueOrigin.Published) ? LegendKey() : [];
        var layout = TimeLayout(t, NationalSecurityTitle,
            $"National-security index per issue: a value is known for {known.Length.ToString(CultureInfo.InvariantCulture)} of the " +
            $"{t.Issues.Count.ToString(CultureInfo.InvariantCulture)} issues in the data; no line across a missing issue",
            "Index", yRange: [-extent, extent], dtick: extent > 10 ? 5 : 1);
        var chart = PlotlyProperties.Chart([trace, .. key], layout, ConfigFor(IssueFigures.Names.NationalSecurityDynamics, 960, 540));
        var table = new FigureTable(Columns(), t.NationalSecurity.Select(pt => Row(pt)).ToArray());
        return new NamedFigure(IssueFigures.Names.NationalSecurityDynamics, NationalSecurityTitle,
            "The national-security index across the issues in the data: computed where the catalogue is known, otherwise as published.",
            chart, table);
    }

    public static NamedFigure RegionalTension(IssueTimeline t, ColourScale scale)
    {
        var (axisMin, axisMax) = ColourBands.AxisRange(scale, t.RegionalTension.Where(p => p.HasValue).Select(p => p.Value!.Value));
        var spans = ColourBands.Spans(scale, axisMin, axisMax);

        var expanded = WithGaps(t.RegionalTension, 0);
        var numbers = SeriesTrace(t.RegionalTension, "Regional tension index", FigureStyle.RegionalTension, 0)
            .Set("marker", Object(("color", Ink), ("symbol", expanded.Select(e => Symbol(e.Point)).ToArray()), ("size", 12),
                ("line", Object(("color", Ink), ("width", 2)))))
            .Set("mode", Mode(t.RegionalTension) + "+text")
            .Set("text", expanded.Select(e => e.Point is { Value: { } v } p ? $"{SignedLabel(v)} {PlotlyText.Escape(p.Colour ?? "")}".Trim() : "").ToArray())
            .Set("textposition", "top center")
            .Set("textfont", Object(("size", 13), ("color", Ink)))
            .Set("cliponaxis", false);
        var colourOnly = t.RegionalTension.Where(p => !p.HasValue && p.Colour is not null).ToArray();
        var colourTrace = Trace("scatter",
            ("name", "Colour only published"), ("mode", "markers+text"),
            ("x", colourOnly.Select(p => p.Issue.Number).ToArray()),
            ("y", colourOnly.Select(p => spans.FirstOrDefault(s => string.Equals(s.Band.Colour, p.Colour, StringComparison.OrdinalIgnoreCase))?.Middle ?? 0).ToArray()),
            ("text", colourOnly.Select(p => PlotlyText.Escape(p.Colour!)).ToArray()),
            ("textposition", "top center"), ("cliponaxis", false),
            ("marker", Object(("symbol", ColourOnlySymbol), ("size", 14), ("color", Ink), ("line", Object(("color", Ink), ("width", 2.5))))),
            ("customdata", colourOnly.Select(p => PlotlyText.Escape(p.Issue.Title)).ToArray()),
            ("hovertemplate", "%{customdata}<br>colour %{text} published, no number<extra></extra>"));

        var key = t.RegionalTension.Any(p => p.HasValue && p.Origin == ValueOrigin.Published) ? LegendKey() : [];
        var layout = TimeLayout(t, RegionalTensionTitle,
                "Regional-tension index on the colour scale; ◇ where only the colour was published (placed mid-band)", "Index",
                yRange: [axisMin, axisMax], dtick: 2, showGrid: false)
            .Set("shapes", ColourBands.Shapes(spans, "paper", 0, 1).ToArray())
            .Set("annotations", ColourBands.Labels(spans, 1, "paper", "left", 6).ToArray())
            .Set("margin", Margin(70, 150, 90, 150));
        var chart = PlotlyProperties.Chart([numbers, colourTrace, .. key], layout, ConfigFor(IssueFigures.Names.RegionalTensionDynamics, 960, 540));

        var table = new FigureTable([.. Columns(), "colour"],
            t.RegionalTension.Select(pt => (IReadOnlyList<object?>)[.. Row(pt), pt.Colour]).ToArray());
        return new NamedFigure(IssueFigures.Names.RegionalTensionDynamics, RegionalTensionTitle,
            "The regional-tension index across the issues in the data, drawn over the bands of the colour scale; where only a colour was published it is shown as a diamond in its band.",
            chart, table);
    }

    /// <summary>
    /// The points at their issue numbers (plus <paramref name="offset"/>) with a gap (a null) between two issues whose
    /// numbers are not consecutive, so that a line never bridges issues that are missing from the data.
    /// </summary>
    public static IReadOnlyList<(double X, TimelinePoint? Point)> WithGaps(IReadOnlyList<TimelinePoint> points, double offset)
    {
        var result = new List<(double, TimelinePoint?)>();
        for (var i = 0; i < points.Count; i++)
        {
            var x = points[i].Issue.Number + offset;
            if (i > 0 && points[i].Issue.Number - points[i - 1].Issue.Number > 1)
            {
                result.Add(((points[i - 1].Issue.Number + points[i].Issue.Number) / 2.0 + offset, null));
            }

            result.Add((x, points[i]));
        }
        return result;
    }

    /// <summary><c>lines+markers</c> when two consecutive issues both have a value (a line would be drawn), else <c>markers</c>.</summary>
    public static string Mode(IReadOnlyList<TimelinePoint> points) =>
        points.Zip(points.Skip(1)).Any(p => p.First.HasValue && p.Second.HasValue && p.Second.Issue.Number - p.First.Issue.Number == 1)
            ? "lines+markers" : "markers";

    /// <summary>A line through the issues' values with a gap where a value or an issue is missing; marker fill tells computed from published.</summary>
    private static Trace2D SeriesTrace(IReadOnlyList<TimelinePoint> points, string name, string colour, double offset, bool withLabels = false)
    {
        var expanded = WithGaps(points, offset);
        var mode = Mode(points);
        return Trace("scatter", ("name", name), ("mode", withLabels ? mode + "+text" : mode),
            ("x", expanded.Select(e => e.X).ToArray()),
            ("y", expanded.Select(e => e.Point?.Value).ToArray()),
            ("connectgaps", false),
            ("line", Object(("color", colour), ("width", 2.5))),
            ("marker", Object(("color", colour), ("size", 9), ("line", Object(("color", colour), ("width", 2))),
                ("symbol", expanded.Select(e => Symbol(e.Point)).ToArray()))),
            ("text", withLabels ? expanded.Select(e => e.Point is { Value: { } v } ? SignedLabel(v) : "").ToArray() : null),
            ("textposition", withLabels ? "top center" : null),
            ("cliponaxis", withLabels ? false : null),
            ("customdata", expanded.Select(e => e.Point is { } p
                ? new[] { PlotlyText.Escape(p.Issue.Title), p.Value is { } v ? SignedLabel(v) : "", OriginText(p.Origin) }
                : null).ToArray()),
            ("hovertemplate", "%{customdata[0]}<br>%{customdata[1]} (%{customdata[2]})<extra>" + name + "</extra>"));
    }

    private static string Symbol(TimelinePoint? p) => p is { HasValue: true, Origin: ValueOrigin.Published } ? PublishedSymbol : ComputedSymbol;

    /// <summary>Legend entries explaining the markers (traces without points; markers only, as the series draw them).</summary>
    private static Trace2D[] LegendKey() =>
    [
        Trace("scatter", ("name", "computed from the catalogue"), ("x", new object?[] { null }), ("y", new object?[] { null }), ("mode", "markers"),
            ("marker", Object(("color", Muted), ("symbol", ComputedSymbol), ("size", 10)))),
        Trace("scatter", ("name", "published value only"), ("x", new object?[] { null }), ("y", new object?[] { null }), ("mode", "markers"),
            ("marker", Object(("color", Muted), ("symbol", PublishedSymbol), ("size", 10), ("line", Object(("width", 2)))))),
    ];

    private static Layout TimeLayout(IssueTimeline t, string title, string subtitle, string yTitle, double[]? yRange, int? dtick, bool showGrid = true) =>
        BaseLayout(title, subtitle)
            .Set("legend", HorizontalLegend(0, -0.36, "left", "top"))
            .Set("hovermode", "closest")
            .Set("margin", Margin(70, 30, 90, 150))
            .Set("xaxis", IssueAxis(t))
            .Set("yaxis", Object(("title", AxisTitle(yTitle)), ("zeroline", true), ("zerolinecolor", Muted), ("gridcolor", Grid),
                ("showgrid", showGrid), ("dtick", dtick), ("tickformat", "d"), ("range", yRange)));

    /// <summary>
    /// The issue axis: a tick per issue of the data, "No N" over its months over the year. Two consecutive issues sit close
    /// together, so the second's label is set three lines lower: labels are never rotated and never overlap.
    /// </summary>
    private static DynamicObj.DynamicObj IssueAxis(IssueTimeline t)
    {
        var text = new List<string>();
        var lowered = false;
        for (var i = 0; i < t.Issues.Count; i++)
        {
            var issue = t.Issues[i];
            lowered = i > 0 && issue.Number - t.Issues[i - 1].Number == 1 && !lowered;
            var label = $"No {issue.Number.ToString(CultureInfo.InvariantCulture)}{PlotlyText.LineBreak}{ShortPeriod(issue.Period).Replace(" ", PlotlyText.LineBreak, StringComparison.Ordinal)}";
            text.Add(lowered ? PlotlyText.LineBreak + PlotlyText.LineBreak + PlotlyText.LineBreak + label : label);
        }
        return Object(
            ("tickmode", "array"),
            ("tickvals", t.Issues.Select(i => i.Number).ToArray()),
            ("ticktext", text.ToArray()),
            ("tickangle", 0),
            ("range", t.Issues.Count == 0 ? null : new[] { t.Issues[0].Number - 0.7, t.Issues[^1].Number + 0.7 }),
            ("showgrid", false),
            ("zeroline", false),
            ("fixedrange", true));
    }

    private static string[] Columns(params string[] first) =>
        [.. first, "series", "issue", "period_start", "period_end", "value", "origin", "source"];

    private static IReadOnlyList<object?> Row(TimelinePoint p, params object?[] first) =>
        [.. first, p.Issue.Series, p.Issue.Number, p.Issue.Period.Start, p.Issue.Period.End, p.Value, p.Origin.ToString().ToLowerInvariant(), p.Source];
}
