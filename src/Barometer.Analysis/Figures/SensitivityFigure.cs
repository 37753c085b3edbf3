using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using Barometer.Analysis.Sensitivity;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// The regional-tension index under coder disagreement: one bar per simulated value, coloured by the colour that value
/// receives on the scale, the baseline marked.
/// </summary>
public static class SensitivityFigure
{
    public const string Name = "sensitivity-regional-tension";

    public static NamedFigure Build(SensitivityResult result, ColourScale scale)
    {
        var rt = result.Get(Measures.RegionalTension);
        var colours = rt.Histogram.Select(h => scale.Classify(h.Value).Colour).ToArray();
        var bars = Trace("bar", ("name", "runs"), ("x", rt.Histogram.Select(h => h.Value).ToArray()), ("y", rt.Histogram.Select(h => h.Count).ToArray()),
            ("marker", Object(("color", colours.Select(BandFill).ToArray()), ("line", Object(("color", Muted), ("width", 1))))),
            ("customdata", rt.Histogram.Select((h, i) => new[] { SignedLabel(h.Value), colours[i] }).ToArray()),
            ("hovertemplate", "%{customdata[0]} (%{customdata[1]}): %{y} runs<extra></extra>"),
            ("showlegend", false));
        var runs = result.Runs.ToString("N0", CultureInfo.InvariantCulture);
        var title = $"Regional tension of issue {result.Issue.Number.ToString(CultureInfo.InvariantCulture)} under coder disagreement";
        var layout = BaseLayout(title,
                $"{runs} runs, each score flipped with probability {result.Flip.ToString("0.##", CultureInfo.InvariantCulture)}; " +
                $"bar colour = the colour the value receives; dashed line = the catalogue's value {SignedLabel(rt.Baseline)}")
            .Set("xaxis", Object(("title", AxisTitle("Regional-tension index")), ("dtick", 1), ("tickformat", "d"), ("showgrid", false)))
            .Set("yaxis", Object(("title", AxisTitle("Runs")), ("gridcolor", Grid), ("rangemode", "tozero"), ("tickformat", ",d")))
            .Set("bargap", 0.1)
            .Set("shapes", new[]
            {
                Object(("type", "line"), ("xref", "x"), ("yref", "paper"), ("x0", rt.Baseline), ("x1", rt.Baseline), ("y0", 0), ("y1", 1),
                    ("line", Object(("color", Ink), ("width", 2), ("dash", "dash")))),
            });
        var chart = PlotlyProperties.Chart([bars], layout, ConfigFor(Name, 960, 540));
        var table = new FigureTable(["issue", "value", "colour", "runs", "baseline"],
            rt.Histogram.Select((h, i) => (IReadOnlyList<object?>)[result.Issue.Number, h.Value, colours[i], h.Count, h.Value == rt.Baseline]).ToArray());
        return new NamedFigure(Name, title,
            "How often each regional-tension value occurred when coders disagree, coloured by the colour each value receives on the scale.",
            chart, table);
    }
}
