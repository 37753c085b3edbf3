using Barometer.Analysis.Charts;
using Barometer.Analysis.Indices;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>The colour scale of regional security tension (Appendix 3) as a table, marking where this issue falls.</summary>
internal static class ColourScaleFigure
{
    public static readonly IReadOnlyList<string> Headers =
        ["Colour", "Numerical value (as published)", "Integers classified", "Interpretation", "This issue"];

    public static NamedFigure Build(ColourScale scale, IssueIndices indices)
    {
        var s = indices.Security;
        var rows = scale.Bands.Select((b, i) => new
        {
            Band = b,
            Classified = ColourBands.ClassifiedRange(scale, i),
            Here = b == s.Colour ? $"◀ {SignedLabel(s.RegionalTension)} (No {indices.Issue.Number})" : "",
        }).ToArray();

        // A table trace: values are columns of cells; every cell of a row takes its band's colour.
        static string[] Column(IEnumerable<string> cells) => cells.ToArray();
        var fills = rows.Select(r => BandFill(r.Band.Colour)).ToArray();
        var table = Trace("table",
#pragma warning disable CA1861 // the array becomes part of the returned figure, which callers may change: a shared static array would leak between figures
            ("columnwidth", new[] { 1.0, 1.6, 1.4, 4.6, 1.3 }),
#pragma warning restore CA1861
            ("header", Object(
                ("values", Headers.Select(h => new[] { PlotlyText.Bold(PlotlyText.Escape(h)) }).ToArray()),
                ("fill", Object(("color", "#3d3d3d"))), ("font", Object(("color", "#ffffff"), ("size", 13))),
                ("align", "left"), ("height", 32), ("line", Object(("color", "#ffffff"), ("width", 1))))),
            ("cells", Object(
                ("values", new[]
                {
                    Column(rows.Select(r => PlotlyText.Bold(PlotlyText.Escape(r.Band.Colour)))),
                    Column(rows.Select(r => PlotlyText.Escape(r.Band.PublishedRange).Replace("-", Minus, StringComparison.Ordinal))),
                    Column(rows.Select(r => PlotlyText.Escape(r.Classified))),
                    Column(rows.Select(r => PlotlyText.Escape(r.Band.Interpretation))),
                    Column(rows.Select(r => PlotlyText.Bold(PlotlyText.Escape(r.Here)))),
                }),
                ("fill", Object(("color", Headers.Select(_ => fills).ToArray()))),
                ("font", Object(("color", Ink), ("size", 13))),
                ("align", "left"), ("height", 44), ("line", Object(("color", "#ffffff"), ("width", 1))))));

        var layout = BaseLayout("Colour scale of regional security tensions",
                $"Appendix 3. A value between two published ranges takes the less severe colour (so {Minus}1 is White)")
            .Set("margin", Margin(20, 20, 80, 20));
        var chart = PlotlyProperties.Chart([table], layout, ConfigFor(IssueFigures.Names.ColourScale, 960, 420));

        var data = new FigureTable(["colour", "order", "min", "max", "published_range", "classified_range", "interpretation", "source"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Band.Colour, r.Band.Order, r.Band.Min, r.Band.Max, r.Band.PublishedRange, r.Classified, r.Band.Interpretation, r.Band.Source]).ToArray());
        return new NamedFigure(IssueFigures.Names.ColourScale, "Colour scale of regional security tensions",
            "The five colours of the regional-tension scale with their published ranges and interpretations (Appendix 3), and the colour of this issue.",
            chart, data, 960, 420);
    }
}
