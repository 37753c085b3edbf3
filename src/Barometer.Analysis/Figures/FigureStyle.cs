using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using Plotly.NET;
using static Barometer.Analysis.Charts.PlotlyProperties;

namespace Barometer.Analysis.Figures;

/// <summary>Colours and formats shared by the issue figures: presentation only, never data.</summary>
public static class FigureStyle
{
    public const string Positive = "#3a8f4b";
    public const string Negative = "#c0392b";
    public const string Ink = "#222222";
    public const string Muted = "#666666";
    public const string Grid = "#e3e3e3";
    public const string NationalSecurity = "#3f6fae";
    public const string RegionalTension = "#3d3d3d";

    private static readonly Dictionary<string, string> PartnerColours = new(StringComparer.Ordinal)
    {
        ["RU"] = "#c0392b",
        ["EU"] = "#1f5fbf",
        ["CN"] = "#e08a00",
        ["US"] = "#2e8b57",
        ["UA"] = "#7b4fb0",
    };

    private static readonly string[] Fallback = ["#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    /// <summary>Fill colours of the regional-tension bands, by the colour names of the published scale.</summary>
    private static readonly Dictionary<string, string> BandColours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["White"] = "#f4f4f4",
        ["Green"] = "#bfe3b4",
        ["Yellow"] = "#fbe98a",
        ["Orange"] = "#fcc38a",
        ["Red"] = "#f4a3a3",
    };

    /// <summary>A stable colour per partner; partners added later get the next fallback colour.</summary>
    public static string PartnerColour(Partner partner, int index) =>
        PartnerColours.TryGetValue(partner.Code, out var c) ? c : Fallback[index % Fallback.Length];

    /// <summary>The fill of a band; an unknown colour name is used as the CSS colour of that name.</summary>
    public static string BandFill(string colour) => BandColours.TryGetValue(colour, out var c) ? c : colour.ToLowerInvariant();

    /// <summary>The minus sign of every label the figures write (U+2212), as plotly.js writes its axis ticks.</summary>
    public const string Minus = "\u2212";

    /// <summary>A score with its sign for text output: <c>+18</c>, <c>-4</c>, <c>0</c> (ASCII, for terminals and files).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "'Signed' describes the output (a score with its sign), not the C# keyword.")]
    public static string Signed(int value) => value > 0 ? "+" + value.ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A score with its sign as the charts draw it: <c>+18</c>, <c>−4</c> (U+2212, the sign of plotly's axis ticks), <c>0</c>.</summary>
    public static string SignedLabel(int value) =>
        value > 0 ? "+" + value.ToString(CultureInfo.InvariantCulture)
        : value < 0 ? Minus + (-(long)value).ToString(CultureInfo.InvariantCulture)
        : "0";

    /// <summary>The months of a period: <c>Nov–Dec 2020</c>.</summary>
    public static string ShortPeriod(Period p) =>
        p.Start.Year == p.End.Year
            ? $"{p.Start.ToString("MMM", CultureInfo.InvariantCulture)}–{p.End.ToString("MMM yyyy", CultureInfo.InvariantCulture)}"
            : $"{p.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture)}–{p.End.ToString("MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The middle day of a period (where an issue's value is plotted on a time axis).</summary>
    public static DateOnly Midpoint(Period p) => p.Start.AddDays((p.End.DayNumber - p.Start.DayNumber) / 2);

    /// <summary>
    /// The title every figure shares, as plotly text (escaped here): the title in bold-size type, the subtitle on a second,
    /// smaller, muted line (plotly.js 2.28 has no <c>title.subtitle</c>).
    /// </summary>
    public static DynamicObj.DynamicObj TitleOf(string what, string? subtitle) => Object(
        ("text", PlotlyText.Escape(what) + (subtitle is null ? "" :
            $"{PlotlyText.LineBreak}<span style=\"font-size:13px;color:{Muted}\">{PlotlyText.Escape(subtitle)}</span>")),
        ("x", 0.01), ("xanchor", "left"), ("y", 1), ("yanchor", "top"),
        // plotly.js 2.28 anchors a two-line title by its first line and then moves it up by the second: pad for both.
        ("pad", Object(("t", subtitle is null ? 14 : 34))), ("font", Object(("size", 19))));

    /// <summary>An axis title.</summary>
    public static DynamicObj.DynamicObj AxisTitle(string text) => Object(("text", PlotlyText.Escape(text)));

    /// <summary>The "Points" value axis of a bar chart, symmetric about a marked zero with room above <paramref name="extent"/> for bar labels.</summary>
    public static DynamicObj.DynamicObj PointsAxis(int extent)
    {
        var pad = Math.Max(3, (int)Math.Ceiling(extent * 0.15));
        return Object(("title", AxisTitle("Points")), ("zeroline", true), ("zerolinecolor", Ink), ("zerolinewidth", 1.5),
            ("gridcolor", Grid), ("range", new[] { -(extent + pad), extent + pad }), ("fixedrange", true), ("tickformat", "d"));
    }

    /// <summary>The house layout: title, font, white background, margins, left-aligned hover labels.</summary>
    public static Layout BaseLayout(string title, string? subtitle) => PlotlyProperties.Layout(
        ("title", TitleOf(title, subtitle)),
        ("font", Object(("family", "Arial, Helvetica, sans-serif"), ("size", 13), ("color", Ink))),
        ("paper_bgcolor", "#ffffff"),
        ("plot_bgcolor", "#ffffff"),
        ("margin", Margin(70, 30, 90, 70)),
        ("hoverlabel", Object(("align", "left"))));

    /// <summary><c>layout.margin</c> in pixels.</summary>
    public static DynamicObj.DynamicObj Margin(int left, int right, int top, int bottom) =>
        Object(("l", left), ("r", right), ("t", top), ("b", bottom));

    /// <summary>A horizontal legend at (<paramref name="x"/>, <paramref name="y"/>) in paper coordinates.</summary>
    public static DynamicObj.DynamicObj HorizontalLegend(double x, double y, string xAnchor, string yAnchor) =>
        Object(("orientation", "h"), ("x", x), ("y", y), ("xanchor", xAnchor), ("yanchor", yAnchor));

    /// <summary>The figure config: responsive, no logo, the camera button saving <paramref name="name"/>.png at the image size.</summary>
    public static Config ConfigFor(string name, int width, int height) => PlotlyProperties.Config(name, width, height);
}
