using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>"Security": the national-security index, and the regional-tension index drawn over the colour bands of its scale.</summary>
internal static class SecurityFigure
{
    public const string NationalLabel = "National security";
    public const string RegionalLabel = "Regional tension";

    /// <summary>"; the report prints …" for each security value the report prints differently from the computed one.</summary>
    public static string MismatchNote(IssueReproduction reproduction)
    {
        var notes = reproduction.Reconciliation
            .Where(r => r.Partner is null && !r.IsMatch)
            .Select(r => $"{r.Measure.Replace('_', ' ')} {r.Published.Replace("-", Minus, StringComparison.Ordinal)}")
            .ToArray();
        return notes.Length == 0 ? "" : $" (the report prints {string.Join(", ", notes)})";
    }

    public static NamedFigure Build(IssueReproduction reproduction, ColourScale scale)
    {
        var indices = reproduction.Indices;
        var s = indices.Security;
        var issue = indices.Issue;
        var (axisMin, axisMax) = ColourBands.AxisRange(scale, [s.NationalSecurity, s.RegionalTension]);

        var bars = Trace("bar", ("x", new[] { NationalLabel, RegionalLabel }), ("y", new[] { s.NationalSecurity, s.RegionalTension }),
            ("marker", Object(("color", new[] { NationalSecurity, RegionalTension }))),
            ("width", 0.45),
            ("text", new[] { SignedLabel(s.NationalSecurity), $"{SignedLabel(s.RegionalTension)} ({PlotlyText.Escape(s.Colour.Colour)})" }),
            ("textposition", "outside"), ("textfont", Object(("size", 15))), ("cliponaxis", false),
            ("hovertemplate", "%{x}: %{text}<extra></extra>"), ("showlegend", false));

        // The regional-tension column (category 1) spans 0.5..1.5 on the category axis: the bands are drawn there only.
        var spans = ColourBands.Spans(scale, axisMin, axisMax);
        var layout = BaseLayout($"Security: {issue.Title}",
                $"Regional tension {SignedLabel(s.RegionalTension)} is {s.Colour.Colour}: {s.Colour.Interpretation}" + MismatchNote(reproduction))
            .Set("xaxis", Object(("fixedrange", true), ("range", new[] { -0.5, 1.5 })))
            .Set("yaxis", Object(("title", AxisTitle("Points")), ("range", new[] { axisMin, axisMax }), ("zeroline", true), ("zerolinecolor", Ink),
                ("zerolinewidth", 1.5), ("gridcolor", Grid), ("fixedrange", true), ("dtick", 2)))
            .Set("shapes", ColourBands.Shapes(spans, "x", 0.55, 1.45).ToArray())
            .Set("annotations", ColourBands.Labels(spans, 1.45, "x", "right").ToArray())
            .Set("margin", Margin(70, 30, 100, 70));
        var chart = PlotlyProperties.Chart([bars], layout, ConfigFor(IssueFigures.Names.Security, 960, 540));

        var table = new FigureTable(["issue", "measure", "value", "colour", "events"],
        [
            [issue.Number, Measures.NationalSecurity, s.NationalSecurity, null, s.Events],
            [issue.Number, Measures.RegionalTension, s.RegionalTension, s.Colour.Colour, s.Events],
        ]);
        return new NamedFigure(IssueFigures.Names.Security, $"Security: {issue.Title}",
            "The national-security index and the regional-tension index, the latter on the colour scale of regional tension (Appendix 3).",
            chart, table);
    }
}
