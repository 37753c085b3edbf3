using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Barometer.Browser;

/// <summary>
/// A page of a <see cref="HeadlessChromium"/> that has loaded plotly.js once from a local file and renders figures
/// (plotly figure JSON) to images with plotly.js's own <c>Plotly.toImage</c>, each call bounded by the browser's call
/// limit. The library's exporter and the kernel's chart images both render through it.
/// </summary>
public sealed class PlotlyImagePage : IAsyncDisposable
{
    private const string PngPrefix = "data:image/png;base64,";

    private readonly BrowserPage _page;

    private PlotlyImagePage(BrowserPage page, string version) => (_page, Version) = (page, version);

    /// <summary>The plotly.js version the page loaded.</summary>
    public string Version { get; }

    /// <summary>The page itself, for scripts of the caller's own.</summary>
    public BrowserPage Page => _page;

    /// <summary>
    /// Opens a page in <paramref name="browser"/> that loads plotly.js from <paramref name="plotlyJsUrl"/> (a file or an
    /// http URL). Throws <see cref="BrowserPageException"/> when plotly.js does not load, or is not
    /// <paramref name="expectedVersion"/> when one is given.
    /// </summary>
    public static async Task<PlotlyImagePage> OpenAsync(HeadlessChromium browser, Uri plotlyJsUrl, string? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(plotlyJsUrl);
        var host = Path.Combine(browser.ProfileDirectory, $"plotly-host-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(host,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"" + WebUtility.HtmlEncode(plotlyJsUrl.AbsoluteUri) +
            "\" charset=\"utf-8\"></script></head><body></body></html>", ct).ConfigureAwait(false);
        var page = await browser.OpenPageAsync(ct: ct).ConfigureAwait(false);
        try
        {
            await page.NavigateAsync(new Uri(host), ct: ct).ConfigureAwait(false);
            var loaded = await page.EvaluateAsync("typeof Plotly !== 'undefined' && Plotly.version", ct).ConfigureAwait(false);
            if (loaded.ValueKind != JsonValueKind.String)
            {
                throw new BrowserPageException($"plotly.js did not load from {plotlyJsUrl}: {string.Join("; ", page.Errors)}".TrimEnd(' ', ':'));
            }

            if (expectedVersion is not null && loaded.GetString() != expectedVersion)
            {
                throw new BrowserPageException($"plotly.js from {plotlyJsUrl} is version {loaded.GetString()}, expected {expectedVersion}");
            }

            return new PlotlyImagePage(page, loaded.GetString()!);
        }
        catch
        {
            await page.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            try
            {
                File.Delete(host);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the profile folder, and the host page in it, are removed with the browser
            }
        }
    }

    /// <summary>
    /// <c>Plotly.toImage(figure, {format, width, height, scale})</c>: a data URL. <paramref name="figureJson"/> must be
    /// JSON whose encoder escapes <c>&lt;</c> and line separators (it is evaluated as a JavaScript expression).
    /// </summary>
    public async Task<string> ToImageAsync(string figureJson, string format, int width, int height, double scale = 1, CancellationToken ct = default)
    {
        var options = string.Create(CultureInfo.InvariantCulture, $"{{format:'{format}',width:{width},height:{height},scale:{scale}}}");
        var result = await _page.EvaluateAsync($"Plotly.toImage({figureJson}, {options})", ct).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String ? result.GetString()! : throw new BrowserPageException("Plotly.toImage returned nothing");
    }

    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> CSS pixels, times <paramref name="scale"/>.</summary>
    public async Task<byte[]> RenderPngAsync(string figureJson, int width, int height, double scale = 1, CancellationToken ct = default) =>
        PngBytes(await ToImageAsync(figureJson, "png", width, height, scale, ct).ConfigureAwait(false));

    /// <summary>The bytes of a <c>data:image/png;base64,</c> URL; <see cref="BrowserPageException"/> for anything else.</summary>
    public static byte[] PngBytes(string dataUrl) =>
        dataUrl.StartsWith(PngPrefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(dataUrl[PngPrefix.Length..])
            : throw new BrowserPageException($"the page returned no PNG ({(dataUrl.Length > 60 ? dataUrl[..60] + "…" : dataUrl)})");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _page.DisposeAsync();
}
