using Barometer.Analysis.Charts;
using Plotly.NET;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// The house style for charts an analyst builds in a notebook with Plotly.NET (<c>Chart.Point</c>, <c>Chart.Bar</c>…):
/// the issue figures' title and subtitle, font, white background, grid, colours and image size, in place of Plotly.NET's
/// default template; and the axes that read well for the data of the notebooks (integer years, decades on log scales,
/// category labels given the room they need).
/// </summary>
public static class HouseStyle
{
    /// <summary>The colours of successive traces.</summary>
    public static readonly IReadOnlyList<string> Colours = ["#1f5fbf", "#e08a00", "#3a8f4b", "#c0392b", "#7b4fb0", "#3d3d3d"];

    /// <summary>
    /// <paramref name="chart"/> in the house style: title and optional subtitle, the given axes (default: plain value
    /// axes with a light grid), a legend under the plot, and <paramref name="height"/> pixels (width follows the page;
    /// the camera button and exported images use 960 × height).
    /// </summary>
    public static GenericChart WithHouseStyle(this GenericChart chart, string title, string? subtitle = null,
        DynamicObj.DynamicObj? xAxis = null, DynamicObj.DynamicObj? yAxis = null, int height = 540, string imageName = "chart")
    {
        var layout = GenericChart.getLayout(chart);
        foreach (var name in new[] { "template", "width", "height" })
        {
            layout.RemoveProperty(name);
        }

        layout.Set("title", TitleOf(title, subtitle))
            .Set("font", Object(("family", "Arial, Helvetica, sans-serif"), ("size", 13), ("color", Ink)))
            .Set("paper_bgcolor", "#ffffff").Set("plot_bgcolor", "#ffffff")
            .Set("colorway", Colours.ToArray())
            .Set("margin", Object(("l", 70), ("r", 30), ("t", 90), ("b", 90), ("autoexpand", true)))
            .Set("hoverlabel", Object(("align", "left")))
            .Set("legend", HorizontalLegend(0, -0.22, "left", "top"))
            .Set("height", height)
            .Set("xaxis", xAxis ?? ValueAxis())
            .Set("yaxis", yAxis ?? ValueAxis());
        chart = GenericChart.setLayout(layout, chart);
        return GenericChart.setConfig(PlotlyProperties.Config(imageName, 960, height), chart);
    }

    /// <summary>
    /// Hover texts for the points of <paramref name="chart"/>'s traces (build each trace's chart, then combine): escaped
    /// for plotly, shown with the point's x and y.
    /// </summary>
    public static GenericChart WithHoverTexts(this GenericChart chart, IEnumerable<string> texts)
    {
        var escaped = texts.Select(PlotlyText.Escape).ToArray();
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.Set("hovertext", escaped).Set("hoverinfo", "text+x+y");
        }

        return chart;
    }

    /// <summary>A linear value axis with a light grid and a marked zero.</summary>
    public static DynamicObj.DynamicObj ValueAxis(string? title = null, bool fromZero = false) => Object(
        ("title", title is null ? null : AxisTitle(title)), ("gridcolor", Grid), ("zeroline", true), ("zerolinecolor", Muted),
        ("rangemode", fromZero ? "tozero" : null), ("automargin", true));

    /// <summary>Calendar years: one tick per year, written as an integer (never <c>2,012.5</c>).</summary>
    public static DynamicObj.DynamicObj YearAxis(string? title = null) => Object(
        ("title", title is null ? null : AxisTitle(title)), ("tickmode", "linear"), ("dtick", 1), ("tickformat", "d"),
        ("showgrid", false), ("zeroline", false), ("automargin", true));

    /// <summary>A log axis labelled at powers of ten only (no minor labels), in plain numbers.</summary>
    public static DynamicObj.DynamicObj LogAxis(string? title = null) => Object(
        ("title", title is null ? null : AxisTitle(title)), ("type", "log"), ("dtick", 1), ("tickformat", "~g"),
        ("gridcolor", Grid), ("automargin", true));

    /// <summary>Categories (e.g. the bars of a horizontal bar chart) with the room their labels need, in the order given.</summary>
    public static DynamicObj.DynamicObj CategoryAxis(string? title = null) => Object(
        ("title", title is null ? null : AxisTitle(title)), ("type", "category"), ("automargin", true), ("autorange", "reversed"),
        ("showgrid", false));

    /// <summary>Height for a horizontal bar chart of <paramref name="bars"/> bars (28 px each, at least 300).</summary>
    public static int HeightFor(int bars) => Math.Max(300, 160 + 28 * bars);
}
