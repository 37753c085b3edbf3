using Barometer.Analysis.Charts.Display;

namespace Barometer.Analysis.Charts;

/// <summary>
/// The formatters .NET Interactive uses for <see cref="NamedFigure"/> (found by convention, see <see cref="TypeFormatterSourceAttribute"/>);
/// beside the figure it formats, as <c>Datasets/DatasetFormatterSource</c> is beside the tables, so that <c>Charts/Display/</c>
/// (the convention) knows no chart.
/// </summary>
public sealed class FigureFormatterSource
{
    /// <summary>The MIME type Jupyter front ends render with plotly.js.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The kernel's convention finds CreateTypeFormatters() by reflection as an instance method of a new instance.")]
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<NamedFigure>(MimeTypes.Html, f => FigureHtml.Fragment(f.Chart)),
        new TypeFormatter<NamedFigure>(PlotlyMimeType, f => FigureJson.Of(f.Chart, indented: false)),
    ];
}
