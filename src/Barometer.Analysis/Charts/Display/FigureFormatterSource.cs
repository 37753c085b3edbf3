namespace Barometer.Analysis.Charts.Display;

/// <summary>The formatters .NET Interactive uses for <see cref="Figure"/> (found by convention, see <see cref="TypeFormatterSourceAttribute"/>).</summary>
public sealed class FigureFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<Figure>(MimeTypes.Html, f => f.ToHtmlFragment()),
        new TypeFormatter<Figure>(Figure.PlotlyMimeType, f => f.ToJson(indented: false)),
    ];
}
