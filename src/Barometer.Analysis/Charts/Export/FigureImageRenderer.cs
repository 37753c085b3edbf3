using System.Globalization;
using System.Net;
using Barometer.Analysis.Charts.Browser;
using Plotly.NET;

namespace Barometer.Analysis.Charts.Export;

/// <summary>
/// Renders figures to PNG and SVG with plotly.js's own <c>Plotly.toImage</c> in headless Chromium. One page loads
/// plotly.js once and then renders every figure it is given, so a run costs one browser and one library load.
/// </summary>
public sealed class FigureImageRenderer : IAsyncDisposable
{
    private readonly BrowserPage _page;
    private readonly HeadlessChromium? _ownedBrowser;

    private FigureImageRenderer(BrowserPage page, HeadlessChromium? ownedBrowser) => (_page, _ownedBrowser) = (page, ownedBrowser);

    /// <summary>Starts its own browser (found by <see cref="ChromiumLocator"/>) and loads the bundled plotly.js (else the CDN's).</summary>
    public static async Task<FigureImageRenderer> StartAsync(CancellationToken ct = default)
    {
        var browser = await HeadlessChromium.StartAsync(ct: ct).ConfigureAwait(false);
        try
        {
            return await StartAsync(browser, PlotlyJs.FindOrExtract(), owned: true, ct).ConfigureAwait(false);
        }
        catch
        {
            await browser.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a page in <paramref name="browser"/> that loads plotly.js from <paramref name="plotlyJsPath"/> (null: the CDN).</summary>
    public static Task<FigureImageRenderer> StartAsync(HeadlessChromium browser, string? plotlyJsPath, CancellationToken ct = default) =>
        StartAsync(browser, plotlyJsPath, owned: false, ct);

    private static async Task<FigureImageRenderer> StartAsync(HeadlessChromium browser, string? plotlyJsPath, bool owned, CancellationToken ct)
    {
        var src = plotlyJsPath is null ? PlotlyJs.CdnUrl : new Uri(Path.GetFullPath(plotlyJsPath)).AbsoluteUri;
        var host = Path.Combine(browser.ProfileDirectory, "barometer-render-host.html");
        await File.WriteAllTextAsync(host,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"" + WebUtility.HtmlEncode(src) +
            "\" charset=\"utf-8\"></script></head><body></body></html>", ct).ConfigureAwait(false);
        var page = await browser.OpenPageAsync(ct: ct).ConfigureAwait(false);
        try
        {
            await page.NavigateAsync(new Uri(host), ct: ct).ConfigureAwait(false);
            var loaded = await page.EvaluateAsync("typeof Plotly !== 'undefined' && Plotly.version", ct).ConfigureAwait(false);
            if (loaded.ValueKind != System.Text.Json.JsonValueKind.String)
                throw new IOException($"plotly.js did not load from {src}: {string.Join("; ", page.Errors)}");
            if (loaded.GetString() != PlotlyJs.Version)
                throw new IOException($"plotly.js from {src} is version {loaded.GetString()}, expected {PlotlyJs.Version}");
            return new FigureImageRenderer(page, owned ? browser : null);
        }
        catch
        {
            await page.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> CSS pixels, times <paramref name="scale"/> device pixels.</summary>
    public async Task<byte[]> RenderPngAsync(GenericChart chart, int width, int height, double scale = 1, CancellationToken ct = default)
    {
        var url = await ToImageAsync(FigureJson.Of(chart, indented: false), "png", width, height, scale, ct).ConfigureAwait(false);
        const string prefix = "data:image/png;base64,";
        if (!url.StartsWith(prefix, StringComparison.Ordinal)) throw new IOException($"Plotly.toImage returned no PNG ({Truncate(url)})");
        return Convert.FromBase64String(url[prefix.Length..]);
    }

    /// <summary>An SVG document of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public async Task<string> RenderSvgAsync(GenericChart chart, int width, int height, CancellationToken ct = default) =>
        SvgFromDataUrl(await ToImageAsync(FigureJson.Of(chart, indented: false), "svg", width, height, 1, ct).ConfigureAwait(false));

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
        var result = await _page.EvaluateAsync(script, ct).ConfigureAwait(false);
        if (result.ValueKind != System.Text.Json.JsonValueKind.Array || result.GetArrayLength() != 2)
            throw new IOException("the page returned no SVG and PNG");
        var svgUrl = result[0].GetString() ?? "";
        var pngUrl = result[1].GetString() ?? "";
        const string prefix = "data:image/png;base64,";
        if (!pngUrl.StartsWith(prefix, StringComparison.Ordinal)) throw new IOException($"the canvas gave no PNG ({Truncate(pngUrl)})");
        return (Convert.FromBase64String(pngUrl[prefix.Length..]), SvgFromDataUrl(svgUrl));
    }

    private static string SvgFromDataUrl(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith("data:image/svg+xml", StringComparison.Ordinal) || comma < 0)
            throw new IOException($"Plotly.toImage returned no SVG ({Truncate(url)})");
        var payload = url[(comma + 1)..];
        return url[..comma].EndsWith(";base64", StringComparison.Ordinal)
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload))
            : Uri.UnescapeDataString(payload);
    }

    private async Task<string> ToImageAsync(string figureJson, string format, int width, int height, double scale, CancellationToken ct)
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"{{format:'{format}',width:{width},height:{height},scale:{scale}}}");
        // The figure JSON is a JavaScript expression; its encoder escapes everything that could end the string early.
        var result = await _page.EvaluateAsync($"Plotly.toImage({figureJson}, {options})", ct).ConfigureAwait(false);
        return result.GetString() ?? throw new IOException("Plotly.toImage returned nothing");
    }

    private static string Truncate(string s) => s.Length > 60 ? s[..60] + "…" : s;

    public async ValueTask DisposeAsync()
    {
        await _page.DisposeAsync().ConfigureAwait(false);
        if (_ownedBrowser is not null) await _ownedBrowser.DisposeAsync().ConfigureAwait(false);
    }
}
