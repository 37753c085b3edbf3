using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>"Security": the national-security index, and the regional-tension index drawn over the colour bands of its scale.</summary>
public static class SecurityFigure
{
    public const string NationalLabel = "National security";
    public const string RegionalLabel = "Regional tension";

    /// <summary>"; the report prints …" for each security value the report prints differently from the computed one.</summary>
    public static string MismatchNote(IssueReproduction reproduction)
    {
        var notes = reproduction.Reconciliation
            .Where(r => r.Partner is null && !r.IsMatch)
            .Select(r => $"{r.Measure.Replace('_', ' ')} {r.Published}")
            .ToArray();
        return notes.Length == 0 ? "" : $" (the report prints {string.Join(", ", notes)})";
    }

    public static NamedFigure Build(IssueReproduction reproduction, ColourScale scale)
    {
        var indices = reproduction.Indices;
        var s = indices.Security;
        var issue = indices.Issue;
        var (axisMin, axisMax) = ColourBands.AxisRange(scale, [s.NationalSecurity, s.RegionalTension]);

        var bars = Chart.Bar(new[] { NationalLabel, RegionalLabel }, new[] { s.NationalSecurity, s.RegionalTension }) with
        {
            Marker = new Marker { Color = new[] { NationalSecurity, RegionalTension } },
            Width = 0.45,
            Text = new[] { Signed(s.NationalSecurity), $"{Signed(s.RegionalTension)} ({PlotlyText.Escape(s.Colour.Colour)})" },
            TextPosition = "outside",
            TextFont = new Font { Size = 15 },
            ClipOnAxis = false,
            HoverTemplate = "%{x}: %{text}<extra></extra>",
            ShowLegend = false,
        };

        // The regional-tension column (category 1) spans 0.5..1.5 on the category axis: the bands are drawn there only.
        var spans = ColourBands.Spans(scale, axisMin, axisMax);
        var shapes = ColourBands.Shapes(spans, "x", 0.55, 1.45);
        var labels = ColourBands.Labels(spans, new Annotation { X = 1.45, XRef = "x", XAnchor = "right" });

        var figure = Chart.Combine(bars)
            .WithLayout(_ => BaseLayout($"Security: {issue.Title}",
                $"Regional tension {Signed(s.RegionalTension)} is {s.Colour.Colour}: {s.Colour.Interpretation}" + MismatchNote(reproduction)))
            .WithXAxis(new Axis { FixedRange = true, Range = [-0.5, 1.5] })
            .WithYAxis(new Axis
            {
                Title = "Points", Range = [axisMin, axisMax], ZeroLine = true, ZeroLineColor = Ink, ZeroLineWidth = 1.5,
                GridColor = Grid, FixedRange = true, DTick = 2,
            })
            .WithShapes(shapes)
            .WithAnnotations(labels)
            .WithImageButton(IssueFigures.Names.Security, 960, 540);

        var table = new FigureTable(["issue", "measure", "value", "colour", "events"],
        [
            [issue.Number, Measures.NationalSecurity, s.NationalSecurity, null, s.Events],
            [issue.Number, Measures.RegionalTension, s.RegionalTension, s.Colour.Colour, s.Events],
        ]);
        return new NamedFigure(IssueFigures.Names.Security, $"Security: {issue.Title}",
            "The national-security index and the regional-tension index, the latter on the colour scale of regional tension (Appendix 3).",
            figure, table);
    }
}
