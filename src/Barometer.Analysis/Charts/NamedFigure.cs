using System.Text.RegularExpressions;
using Barometer.Analysis.Charts.Display;
using Plotly.NET;

namespace Barometer.Analysis.Charts;

/// <summary>
/// A figure with a stable <see cref="Name"/> (the stem of its exported files: <c>NAME.html</c>, <c>NAME.png</c>…),
/// a plain-text <see cref="Title"/> and <see cref="Description"/>, the rows it shows, and the size its static images
/// are rendered at.
/// </summary>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = [MimeTypes.Html, FigureFormatterSource.PlotlyMimeType])]
public sealed partial record NamedFigure
{
    public NamedFigure(string name, string title, string description, GenericChart chart, FigureTable data, int width = 960, int height = 540)
    {
        if (!Slug().IsMatch(name))
        {
            throw new ArgumentException($"figure name '{name}' must be lower-case letters, digits and hyphens (it names files)", nameof(name));
        }

        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "image size must be positive");
        }

        (Name, Title, Description, Chart, Data, Width, Height) = (name, title, description, chart, data, width, height);
    }

    public string Name { get; }
    public string Title { get; }
    public string Description { get; }
    /// <summary>The Plotly.NET chart (display it in a notebook, or use <see cref="FigureJson"/> and <see cref="FigureHtml"/>).</summary>
    public GenericChart Chart { get; init; }
    public FigureTable Data { get; }
    public int Width { get; }
    public int Height { get; }

    public override string ToString() => $"{Name}: {Title}";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
