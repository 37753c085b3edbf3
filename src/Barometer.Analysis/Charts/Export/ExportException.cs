using Barometer.Browser;

namespace Barometer.Analysis.Charts.Export;

/// <summary>
/// An export that could not do what it was asked: the one base type of chart-export errors (the CLI catches it). What
/// the browser itself reported is the <see cref="Exception.InnerException"/> (a <see cref="BrowserException"/>).
/// </summary>
public class ExportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Images were required, but there is no browser, or it could not start or load plotly.js.</summary>
public sealed class ImagesUnavailableException(string message, Exception? inner = null) : ExportException(message, inner);

/// <summary>One figure could not be rendered (the browser failed or did not answer in time); names the figure.</summary>
public sealed class FigureRenderException(string figure, BrowserException inner)
    : ExportException($"figure '{figure}': {inner.Message}", inner)
{
    /// <summary>The figure's name.</summary>
    public string Figure { get; } = figure;
}
