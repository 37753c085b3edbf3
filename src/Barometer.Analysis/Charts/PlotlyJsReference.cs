namespace Barometer.Analysis.Charts;

/// <summary>How an HTML page gets plotly.js: the caller chooses; <see cref="FigureHtml.Page"/> only writes the tag.</summary>
public abstract record PlotlyJsReference
{
    private PlotlyJsReference() { }

    /// <summary>The pinned version from the CDN; <paramref name="Note"/>, when given, is shown on the page.</summary>
    public sealed record Cdn(string? Note = null) : PlotlyJsReference;

    /// <summary>A script file referenced by a (relative) URL, e.g. <see cref="PlotlyJs.BesideFileName"/> written beside the page.</summary>
    public sealed record File(string Url) : PlotlyJsReference;

    /// <summary>The library's source inlined in the page (self-contained, ~5 MB per page).</summary>
    public sealed record Inline(string Script) : PlotlyJsReference;

    /// <summary>No script tag: the page (a notebook, a gallery) already has a global <c>Plotly</c>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "A plotly.js already loaded as a page global; the library is used from C# notebooks only, where Global is no keyword.")]
    public sealed record Global : PlotlyJsReference;

    /// <summary>The pinned version from the CDN without a note.</summary>
    public static PlotlyJsReference FromCdn { get; } = new Cdn();
}
