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

    private const string LoadFailedMarker = "__barometerPlotlyFailed";

    private readonly BrowserPage _page;
    private readonly HeadlessChromium? _ownedBrowser;

    private PlotlyImagePage(BrowserPage page, string version, HeadlessChromium? ownedBrowser = null) =>
        (_page, Version, _ownedBrowser) = (page, version, ownedBrowser);

    /// <summary>The browser this page started and ends (<see cref="StartAsync(Uri, string?, BrowserOptions?, CancellationToken)"/>), else null.</summary>
    public HeadlessChromium? Browser => _ownedBrowser;

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
        await File.WriteAllTextAsync(host, HostPage(plotlyJsUrl), ct).ConfigureAwait(false);
        var page = await browser.OpenPageAsync(ct: ct).ConfigureAwait(false);
        try
        {
            await page.NavigateAsync(new Uri(host), ct: ct).ConfigureAwait(false);
            var loaded = await page.EvaluateAsync("typeof Plotly !== 'undefined' && Plotly.version", ct).ConfigureAwait(false);
            Check(page, plotlyJsUrl, loaded, expectedVersion);

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
    /// Starts a browser of its own (<paramref name="options"/>, default <see cref="BrowserOptions.FromEnvironment"/>)
    /// whose first tab is the page that loads plotly.js from <paramref name="plotlyJsUrl"/>: plotly.js loads while the
    /// browser starts up, and no second tab is opened. Disposing the page ends the browser. Throws what
    /// <see cref="HeadlessChromium.StartAsync(BrowserOptions?, CancellationToken)"/> and
    /// <see cref="OpenAsync"/> throw.
    /// </summary>
    public static Task<PlotlyImagePage> StartAsync(Uri plotlyJsUrl, string? expectedVersion = null, BrowserOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plotlyJsUrl);
        return StartAsync(async (profile, token) =>
        {
            var host = Path.Combine(profile, "plotly-host.html");
            await File.WriteAllTextAsync(host, HostPage(plotlyJsUrl), token).ConfigureAwait(false);
            return (new Uri(host), plotlyJsUrl);
        }, expectedVersion, options, ct);
    }

    /// <summary>
    /// <see cref="StartAsync(Uri, string?, BrowserOptions?, CancellationToken)"/> with plotly.js given as its text
    /// (e.g. the copy a chart library embeds), written to the browser's profile folder before the browser starts.
    /// </summary>
    public static Task<PlotlyImagePage> StartWithScriptAsync(string plotlyJs, string? expectedVersion = null, BrowserOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plotlyJs);
        return StartAsync(async (profile, token) =>
        {
            var script = new Uri(Path.Combine(profile, "plotly.min.js"));
            await File.WriteAllTextAsync(script.LocalPath, plotlyJs, token).ConfigureAwait(false);
            var host = Path.Combine(profile, "plotly-host.html");
            await File.WriteAllTextAsync(host, HostPage(script), token).ConfigureAwait(false);
            return (new Uri(host), script);
        }, expectedVersion, options, ct);
    }

    private static async Task<PlotlyImagePage> StartAsync(
        Func<string, CancellationToken, Task<(Uri Host, Uri Script)>> write, string? expectedVersion, BrowserOptions? options, CancellationToken ct)
    {
        Uri? script = null;
        var browser = await HeadlessChromium.StartAsync(options, async (profile, token) =>
        {
            var (host, plotly) = await write(profile, token).ConfigureAwait(false);
            script = plotly;
            return host;
        }, ct).ConfigureAwait(false);
        try
        {
            var page = await browser.AttachFirstPageAsync(ct: ct).ConfigureAwait(false);
            var (version, failed) = await LoadedVersionAsync(page, script!, browser.CallTimeout, ct).ConfigureAwait(false);
            Check(page, script!, version, expectedVersion, failed);
            return new PlotlyImagePage(page, version.GetString()!, browser);
        }
        catch
        {
            // The page goes with its browser; closing it first would be one more call to a browser that may be hung.
            await browser.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The host page: plotly.js and nothing else; a script that fails to load leaves a mark the check reads.</summary>
    private static string HostPage(Uri plotlyJsUrl) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"" + WebUtility.HtmlEncode(plotlyJsUrl.AbsoluteUri) +
        "\" charset=\"utf-8\" onerror=\"window." + LoadFailedMarker + " = true\"></script></head><body></body></html>";

    /// <summary>
    /// Waits for the first tab's page to finish loading (it began while the browser started) and returns
    /// <c>Plotly.version</c>, or a non-string when plotly.js did not load. The tab may still show its initial empty
    /// document, or be replacing it, when asked: then it is asked again, all within <paramref name="limit"/>.
    /// </summary>
    private static async Task<(JsonElement Version, bool ScriptFailed)> LoadedVersionAsync(BrowserPage page, Uri script, TimeSpan limit, CancellationToken ct)
    {
        const string Loaded =
            "new Promise(done => { const answer = () => done(location.protocol !== 'file:' ? null :" +
            " { version: typeof Plotly !== 'undefined' ? Plotly.version : null, failed: !!window." + LoadFailedMarker + " });" +
            " if (document.readyState === 'complete') answer(); else addEventListener('load', answer); })";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new BrowserTimeoutException($"the browser did not load plotly.js from {script} within {CdpConnection.Seconds(limit)} s");
            }

            JsonElement answer;
            try
            {
                answer = await page.EvaluateAsync(Loaded, left, ct).ConfigureAwait(false);
            }
            catch (BrowserPageException e) when (e.Message.Contains("context", StringComparison.OrdinalIgnoreCase) ||
                                                  e.Message.Contains("navigated", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the initial document was replaced while it was asked
            }

            if (answer.ValueKind == JsonValueKind.Object)
            {
                return (answer.GetProperty("version"), answer.GetProperty("failed").GetBoolean());
            }

            await Task.Delay(10, ct).ConfigureAwait(false); // still the initial empty document
        }
    }

    private static void Check(BrowserPage page, Uri plotlyJsUrl, JsonElement loaded, string? expectedVersion, bool scriptFailed = false)
    {
        if (loaded.ValueKind != JsonValueKind.String)
        {
            var why = page.Errors.ToList();
            if (scriptFailed)
            {
                why.Insert(0, "the script could not be read");
            }

            throw new BrowserPageException($"plotly.js did not load from {plotlyJsUrl}: {string.Join("; ", why)}".TrimEnd(' ', ':'));
        }

        if (expectedVersion is not null && loaded.GetString() != expectedVersion)
        {
            throw new BrowserPageException($"plotly.js from {plotlyJsUrl} is version {loaded.GetString()}, expected {expectedVersion}");
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

    /// <summary>Closes the page, and ends the browser when the page started it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownedBrowser is not null)
        {
            await _ownedBrowser.DisposeAsync().ConfigureAwait(false); // the page goes with it
            return;
        }

        await _page.DisposeAsync().ConfigureAwait(false);
    }
}
