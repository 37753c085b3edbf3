using System.Globalization;
using System.Net;
using Barometer.Browser;
using Plotly.NET;

namespace Barometer.Analysis.Charts.Export;

/// <summary>
/// Renders figures to PNG and SVG with plotly.js's own <c>Plotly.toImage</c> in headless Chromium. One page loads
/// plotly.js once and then renders every figure it is given, so a run costs one browser and one library load.
/// </summary>
internal sealed class FigureImageRenderer : IAsyncDisposable
{
    private readonly PlotlyImagePage _page;
    private readonly HeadlessChromium? _ownedBrowser;

    private FigureImageRenderer(PlotlyImagePage page, HeadlessChromium? ownedBrowser) => (_page, _ownedBrowser) = (page, ownedBrowser);

    /// <summary>Starts its own browser (<see cref="BrowserOptions.FromEnvironment"/>) and loads the bundled plotly.js (else the CDN's).</summary>
    public static Task<FigureImageRenderer> StartAsync(CancellationToken ct = default) =>
        StartAsync(BrowserOptions.FromEnvironment(), PlotlyJs.FindOrExtract(), ct);

    /// <summary>
    /// Starts its own browser (<paramref name="options"/>) whose first page loads plotly.js from
    /// <paramref name="plotlyJsPath"/> (null: the CDN) while the browser starts; disposing the renderer ends it.
    /// </summary>
    internal static async Task<FigureImageRenderer> StartAsync(BrowserOptions options, string? plotlyJsPath, CancellationToken ct)
    {
        var page = await PlotlyImagePage.StartAsync(PlotlyJsUrl(plotlyJsPath), PlotlyJs.Version, options, ct).ConfigureAwait(false);
        return new FigureImageRenderer(page, ownedBrowser: null); // the page owns its browser
    }

    private static Uri PlotlyJsUrl(string? plotlyJsPath) =>
        plotlyJsPath is null ? new Uri(PlotlyJs.CdnUrl) : new Uri(Path.GetFullPath(plotlyJsPath));

    /// <summary>Opens a page in <paramref name="browser"/> that loads plotly.js from <paramref name="plotlyJsPath"/> (null: the CDN).</summary>
    public static Task<FigureImageRenderer> StartAsync(HeadlessChromium browser, string? plotlyJsPath, CancellationToken ct = default) =>
        StartAsync(browser, plotlyJsPath, owned: false, ct);

    private static async Task<FigureImageRenderer> StartAsync(HeadlessChromium browser, string? plotlyJsPath, bool owned, CancellationToken ct)
    {
        var page = await PlotlyImagePage.OpenAsync(browser, PlotlyJsUrl(plotlyJsPath), PlotlyJs.Version, ct).ConfigureAwait(false);
        return new FigureImageRenderer(page, owned ? browser : null);
    }

    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> CSS pixels, times <paramref name="scale"/> device pixels.</summary>
    public async Task<byte[]> RenderPngAsync(GenericChart chart, int width, int height, double scale = 1, CancellationToken ct = default)
    {
        return await _page.RenderPngAsync(FigureJson.Of(chart, indented: false), width, height, scale, ct).ConfigureAwait(false);
    }

    /// <summary>An SVG document of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public async Task<string> RenderSvgAsync(GenericChart chart, int width, int height, CancellationToken ct = default) =>
        SvgFromDataUrl(await _page.ToImageAsync(FigureJson.Of(chart, indented: false), "svg", width, height, 1, ct).ConfigureAwait(false));

    /// <summary>
    /// The SVG and a PNG of one figure from a single plotly render: plotly draws the SVG once, and the page rasterises
    /// it onto a canvas <paramref name="scale"/> times larger (what <c>Plotly.toImage</c> does for a PNG, without
    /// laying the figure out a second time).
    /// </summary>
    public async Task<(byte[] Png, string Svg)> RenderBothAsync(GenericChart chart, int width, int height, double scale = 1, CancellationToken ct = default)
    {
        var w = width.ToString(CultureInfo.InvariantCulture);
        var h = height.ToString(CultureInfo.InvariantCulture);
        var s = scale.ToString(CultureInfo.InvariantCulture);
        var script =
            "(async () => {" +
            $" const svg = await Plotly.toImage({FigureJson.Of(chart, indented: false)}, {{format:'svg',width:{w},height:{h},scale:1}});" +
            " const img = new Image();" +
            " await new Promise((ok, fail) => { img.onload = ok; img.onerror = () => fail(new Error('the SVG did not load as an image')); img.src = svg; });" +
            $" const canvas = document.createElement('canvas'); canvas.width = Math.round({w} * {s}); canvas.height = Math.round({h} * {s});" +
            " const context = canvas.getContext('2d'); context.fillStyle = '#ffffff'; context.fillRect(0, 0, canvas.width, canvas.height);" +
            " context.drawImage(img, 0, 0, canvas.width, canvas.height);" +
            " return [svg, canvas.toDataURL('image/png')]; })()";
        var result = await _page.Page.EvaluateAsync(script, ct).ConfigureAwait(false);
        if (result.ValueKind != System.Text.Json.JsonValueKind.Array || result.GetArrayLength() != 2)
        {
            throw new BrowserPageException("the page returned no SVG and PNG");
        }

        var svgUrl = result[0].GetString() ?? "";
        var pngUrl = result[1].GetString() ?? "";
        return (PlotlyImagePage.PngBytes(pngUrl), SvgFromDataUrl(svgUrl));
    }

    private static string SvgFromDataUrl(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith("data:image/svg+xml", StringComparison.Ordinal) || comma < 0)
        {
            throw new BrowserPageException($"Plotly.toImage returned no SVG ({Truncate(url)})");
        }

        var payload = url[(comma + 1)..];
        return url[..comma].EndsWith(";base64", StringComparison.Ordinal)
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload))
            : Uri.UnescapeDataString(payload);
    }

    private static string Truncate(string s) => s.Length > 60 ? s[..60] + "…" : s;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _page.DisposeAsync().ConfigureAwait(false);
        if (_ownedBrowser is not null)
        {
            await _ownedBrowser.DisposeAsync().ConfigureAwait(false);
        }
    }
}
