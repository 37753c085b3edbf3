using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;

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
        ["RU"] = "#c0392b", ["EU"] = "#1f5fbf", ["CN"] = "#e08a00", ["US"] = "#2e8b57", ["UA"] = "#7b4fb0",
    };

    private static readonly string[] Fallback = ["#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    /// <summary>Fill colours of the regional-tension bands, by the colour names of the published scale.</summary>
    private static readonly Dictionary<string, string> BandColours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["White"] = "#f4f4f4", ["Green"] = "#bfe3b4", ["Yellow"] = "#fbe98a", ["Orange"] = "#fcc38a", ["Red"] = "#f4a3a3",
    };

    /// <summary>A stable colour per partner; partners added later get the next fallback colour.</summary>
    public static string PartnerColour(Partner partner, int index) =>
        PartnerColours.TryGetValue(partner.Code, out var c) ? c : Fallback[index % Fallback.Length];

    /// <summary>The fill of a band; an unknown colour name is used as the CSS colour of that name.</summary>
    public static string BandFill(string colour) => BandColours.TryGetValue(colour, out var c) ? c : colour.ToLowerInvariant();

    /// <summary>A score with its sign: <c>+18</c>, <c>-4</c>, <c>0</c>.</summary>
    public static string Signed(int value) => value > 0 ? "+" + value.ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The months of a period: <c>Nov–Dec 2020</c>.</summary>
    public static string ShortPeriod(Period p) =>
        p.Start.Year == p.End.Year
            ? $"{p.Start.ToString("MMM", CultureInfo.InvariantCulture)}–{p.End.ToString("MMM yyyy", CultureInfo.InvariantCulture)}"
            : $"{p.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture)}–{p.End.ToString("MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The middle day of a period (where an issue's value is plotted on a time axis).</summary>
    public static DateOnly Midpoint(Period p) => p.Start.AddDays((p.End.DayNumber - p.Start.DayNumber) / 2);

    /// <summary>The title every figure of an issue shares, as plotly text (escaped).</summary>
    public static Title TitleOf(string what, string? subtitle) => new()
    {
        Text = PlotlyText.Escape(what),
        X = 0.01,
        XAnchor = "left",
        Subtitle = subtitle is null ? null : new Subtitle { Text = PlotlyText.Escape(subtitle) },
    };

    /// <summary>The "Points" value axis of a bar chart, symmetric about a marked zero with room above <paramref name="extent"/> for bar labels.</summary>
    public static Axis PointsAxis(int extent)
    {
        var pad = Math.Max(3, (int)Math.Ceiling(extent * 0.15));
        return new Axis
        {
            Title = "Points", ZeroLine = true, ZeroLineColor = Ink, ZeroLineWidth = 1.5, GridColor = Grid,
            Range = [-(extent + pad), extent + pad], FixedRange = true,
        };
    }

    public static Layout BaseLayout(string title, string? subtitle) => new()
    {
        Title = TitleOf(title, subtitle),
        Font = new Font { Family = "Arial, Helvetica, sans-serif", Size = 13, Color = Ink },
        PaperBgColor = "#ffffff",
        PlotBgColor = "#ffffff",
        Margin = new Margin { Left = 70, Right = 30, Top = 90, Bottom = 70 },
        HoverLabel = new HoverLabel { Align = "left" },
    };
}
