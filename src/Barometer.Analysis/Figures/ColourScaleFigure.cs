using Barometer.Analysis.Charts;
using Barometer.Analysis.Indices;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>The colour scale of regional security tension (Appendix 3) as a table, marking where this issue falls.</summary>
public static class ColourScaleFigure
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
            Here = b == s.Colour ? $"◀ {Signed(s.RegionalTension)} (No {indices.Issue.Number})" : "",
        }).ToArray();

        var table = Chart.Table(Headers.Select(h => PlotlyText.Bold(PlotlyText.Escape(h))).ToArray(), rows.Select(r => (IReadOnlyList<object?>)
        [
            PlotlyText.Bold(PlotlyText.Escape(r.Band.Colour)), PlotlyText.Escape(r.Band.PublishedRange), PlotlyText.Escape(r.Classified),
            PlotlyText.Escape(r.Band.Interpretation), PlotlyText.Bold(PlotlyText.Escape(r.Here)),
        ]));
        var fills = rows.Select(r => BandFill(r.Band.Colour)).ToArray();
        table = table with
        {
            ColumnWidth = [1.0, 1.6, 1.4, 4.6, 1.3],
            Header = table.Header! with
            {
                Fill = new Fill { Color = new OneOrMany<OneOrMany<string>>("#3d3d3d") },
                Font = new Font { Color = "#ffffff", Size = 13 },
                Align = "left",
                Height = 32,
                Line = new Line { Color = "#ffffff", Width = 1 },
            },
            Cells = table.Cells! with
            {
                // One colour list per column: each row takes its band's colour.
                Fill = new Fill { Color = Headers.Select(_ => new OneOrMany<string>(fills)).ToArray() },
                Font = new Font { Color = Ink, Size = 13 },
                Align = "left",
                Height = 44,
                Line = new Line { Color = "#ffffff", Width = 1 },
            },
        };

        var figure = Chart.Combine(table)
            .WithLayout(_ => BaseLayout("Colour scale of regional security tensions",
                "Appendix 3. A value between two published ranges takes the less severe colour (so -1 is White)") with
            {
                Margin = new Margin { Left = 20, Right = 20, Top = 80, Bottom = 20 },
            })
            .WithImageButton(IssueFigures.Names.ColourScale, 960, 420);

        var data = new FigureTable(["colour", "order", "min", "max", "published_range", "classified_range", "interpretation", "source"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Band.Colour, r.Band.Order, r.Band.Min, r.Band.Max, r.Band.PublishedRange, r.Classified, r.Band.Interpretation, r.Band.Source]).ToArray());
        return new NamedFigure(IssueFigures.Names.ColourScale, "Colour scale of regional security tensions",
            "The five colours of the regional-tension scale with their published ranges and interpretations (Appendix 3), and the colour of this issue.",
            figure, data, 960, 420);
    }
}
