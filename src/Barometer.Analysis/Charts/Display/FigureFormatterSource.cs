namespace Barometer.Analysis.Charts.Display;

/// <summary>The formatters .NET Interactive uses for <see cref="Figure"/> (found by convention, see <see cref="TypeFormatterSourceAttribute"/>).</summary>
public sealed class FigureFormatterSource
{
    public const string HtmlMimeType = "text/html";

    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new FigureFormatter(HtmlMimeType, f => f.ToHtmlFragment()),
        new FigureFormatter(Figure.PlotlyMimeType, f => f.ToJson(indented: false)),
    ];
}

/// <summary>One convention-based formatter: writes a <see cref="Figure"/> as <see cref="MimeType"/>.</summary>
public sealed class FigureFormatter(string mimeType, Func<Figure, string> format)
{
    public string MimeType { get; } = mimeType;

    /// <summary>The type this formatter handles (read by .NET Interactive when present).</summary>
    public Type Type => typeof(Figure);

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not Figure figure) return false;
        writer.Write(format(figure));
        return true;
    }
}
