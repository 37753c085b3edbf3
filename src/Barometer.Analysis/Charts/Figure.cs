using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Barometer.Analysis.Charts.Display;

namespace Barometer.Analysis.Charts;

/// <summary>
/// A plotly.js figure: <c>{data, layout, config}</c>, exactly what <c>Plotly.newPlot</c> and <c>Plotly.toImage</c> take.
/// Immutable; derive variants with <c>with</c>. <see cref="ToJson"/> and <see cref="ToHtml"/> are pure.
/// </summary>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = [MimeTypes.Html, PlotlyMimeType])]
public sealed record Figure
{
    /// <summary>The MIME type Jupyter front ends render with plotly.js.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    [JsonPropertyName("data")] public IReadOnlyList<Trace> Data { get; init; } = [];
    [JsonPropertyName("layout")] public Layout Layout { get; init; } = new();
    [JsonPropertyName("config")] public Config? Config { get; init; }

    /// <summary>The figure as plotly.js JSON; indented for files, compact for pages.</summary>
    public string ToJson(bool indented = true) =>
        JsonSerializer.Serialize(this, indented ? PlotlyJson.Indented : PlotlyJson.Compact);

    /// <summary>The figure as a JSON tree (for mime bundles).</summary>
    public JsonObject ToJsonNode() => JsonSerializer.SerializeToNode(this, PlotlyJson.Compact)!.AsObject();

    /// <summary>A complete HTML page showing the figure, referencing plotly.js as <paramref name="plotly"/> says.</summary>
    /// <param name="pageTitle">Plain text (escaped here); defaults to the layout's title.</param>
    public string ToHtml(PlotlyJsReference plotly, string? pageTitle = null) => FigureHtml.Page(this, plotly, pageTitle);

    /// <summary>A fragment (div + script) that draws the figure in a page that may or may not already have plotly.js.</summary>
    public string ToHtmlFragment(string? elementId = null) => FigureHtml.Fragment(this, elementId);

    /// <summary>
    /// The representations a notebook front end can choose from: the plotly JSON (rendered natively by Jupyter
    /// front ends), an HTML fragment that loads plotly.js, and plain text.
    /// </summary>
    public IReadOnlyDictionary<string, object> ToMimeBundle() => new Dictionary<string, object>
    {
        [PlotlyMimeType] = ToJsonNode(),
        [MimeTypes.Html] = ToHtmlFragment(),
        [MimeTypes.PlainText] = ToString(),
    };

    /// <summary><see cref="ToMimeBundle()"/> plus <c>image/png</c> (base64) when a renderer is given.</summary>
    public async Task<IReadOnlyDictionary<string, object>> ToMimeBundleAsync(
        Export.FigureImageRenderer? renderer, int width = 960, int height = 540, CancellationToken ct = default)
    {
        var bundle = new Dictionary<string, object>(ToMimeBundle());
        if (renderer is not null)
            bundle["image/png"] = Convert.ToBase64String(await renderer.RenderPngAsync(this, width, height, 1, ct));
        return bundle;
    }

    /// <summary>A one-line description: title and trace types.</summary>
    public override string ToString() =>
        $"Figure \"{Layout.Title?.Text ?? "untitled"}\" ({string.Join(", ", Data.Select(t => t.Name is null ? t.Type : $"{t.Type} '{t.Name}'"))})";
}
