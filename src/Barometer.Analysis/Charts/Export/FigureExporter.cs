using System.Diagnostics;
using System.Net;
using System.Text;
using Barometer.Browser;
using Barometer.IO;

namespace Barometer.Analysis.Charts.Export;

/// <summary>How exported pages reference plotly.js.</summary>
public enum PlotlyJsPlacement
{
    /// <summary>One copy of the bundle written beside the pages (works offline; the default).</summary>
    Beside,
    /// <summary>The bundle inlined in every page (each page stands alone; ~5 MB each).</summary>
    Inline,
    /// <summary>The pinned version from the CDN (pages need a network connection).</summary>
    Cdn,
}

/// <summary>Options of <see cref="FigureExporter.ExportAsync"/>.</summary>
public sealed record ExportOptions
{
    /// <summary>Fail when PNG and SVG cannot be rendered (no browser, or it fails); otherwise say so once and go on.</summary>
    public bool RequireImages { get; init; }
    /// <summary>False: write HTML, JSON and CSV only, without looking for a browser.</summary>
    public bool Images { get; init; } = true;
    /// <summary>The browser; when null, <see cref="FindChromium"/> looks for one.</summary>
    public string? ChromiumPath { get; init; }
    /// <summary>How to look for a browser when <see cref="ChromiumPath"/> is null (replaceable in tests).</summary>
    public Func<string?> FindChromium { get; init; } = ChromiumLocator.Find;
    /// <summary>The plotly.js bundle; when null, <see cref="FindPlotlyJs"/> looks for the build's copy (none: the CDN).</summary>
    public string? PlotlyJsPath { get; init; }
    /// <summary>How to look for the bundle when <see cref="PlotlyJsPath"/> is null (replaceable in tests).</summary>
    public Func<string?> FindPlotlyJs { get; init; } = PlotlyJs.FindOrExtract;
    public PlotlyJsPlacement Placement { get; init; } = PlotlyJsPlacement.Beside;
    /// <summary>The longest one browser call may take (loading plotly.js, rendering one image) before the images are given up.</summary>
    public TimeSpan BrowserTimeout { get; init; } = HeadlessChromium.DefaultCallTimeout;
    /// <summary>Device pixels per CSS pixel of the PNGs (the SVGs are always at scale 1).</summary>
    public double PngScale { get; init; } = 2;
    /// <summary>The heading and page title of the gallery (<c>index.html</c>), e.g. the issue the figures belong to.</summary>
    public string GalleryTitle { get; init; } = "Figures";
}

public enum ExportStage { Started, Wrote, StartingBrowser, Rendered, Finished }

/// <summary>One step of an export: <see cref="Completed"/> of <see cref="Total"/> files are written.</summary>
public sealed record ExportProgress(ExportStage Stage, int Completed, int Total, string? Figure, string? File, string Message);

/// <summary>What an export wrote, and anything the reader should know (e.g. images skipped for want of a browser).</summary>
public sealed record ExportResult(
    string OutputDirectory, IReadOnlyList<string> Files, bool ImagesWritten, IReadOnlyList<string> Notices,
    TimeSpan Elapsed, TimeSpan? ImageElapsed, string PlotlyJsSource);

/// <summary>
/// Writes each figure as <c>NAME.html</c>, <c>NAME.plotly.json</c>, <c>NAME.csv</c> and, with a browser,
/// <c>NAME.png</c> and <c>NAME.svg</c> (rendered by one headless Chromium for the whole run), plus an
/// <c>index.html</c> gallery. Every file is written under a temporary name and renamed when complete.
/// </summary>
public static class FigureExporter
{
    public const string GalleryFileName = "index.html";

    /// <summary>The one line said when static images are skipped because there is no browser.</summary>
    public const string NoBrowserNotice =
        "Static images (PNG, SVG) need Chromium and were not written: " + ChromiumLocator.InstallHint + ".";

    public static async Task<ExportResult> ExportAsync(
        IReadOnlyList<NamedFigure> figures, string outputDirectory, ExportOptions? options = null,
        IProgress<ExportProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new ExportOptions();
        var duplicate = figures.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two figures are named '{duplicate.Key}'", nameof(figures));
        }

        var clock = Stopwatch.StartNew();
        var dir = Directory.CreateDirectory(outputDirectory).FullName;
        AtomicFile.RemoveStaleTemporaryFiles(dir); // left by a run that was killed before it could remove them
        var files = new List<string>();
        var notices = new List<string>();

        // Where the chromium comes from is decided first, so the total is known and "required" fails before writing.
        string? chromium = null;
        if (options.Images)
        {
            string? notFound = null;
            try
            {
                chromium = options.ChromiumPath ?? options.FindChromium();
            }
            catch (BrowserNotFoundException e)
            {
                notFound = e.Message; // BAROMETER_CHROMIUM names no program: said, never a silent fallback
            }
            if (chromium is null)
            {
                var notice = notFound is null ? NoBrowserNotice : $"Static images (PNG, SVG) were not written: {notFound}.";
                if (options.RequireImages)
                {
                    throw new ImagesUnavailableException(notice.Replace("were not written", "are required", StringComparison.Ordinal));
                }

                notices.Add(notice);
            }
        }
        var bundle = options.PlotlyJsPath ?? options.FindPlotlyJs();
        var perFigure = 3 + (chromium is null ? 0 : 2);
        var total = figures.Count * perFigure + 1 + (bundle is not null && options.Placement == PlotlyJsPlacement.Beside ? 1 : 0);
        var done = 0;
        void Report(ExportStage stage, string? figure, string? file, string message) =>
            progress?.Report(new ExportProgress(stage, done, total, figure, file, message));

        Report(ExportStage.Started, null, null, $"exporting {figures.Count} figures to {dir}");
        async Task Write(string figure, string fileName, Func<string, Task> write, ExportStage stage = ExportStage.Wrote)
        {
            ct.ThrowIfCancellationRequested();
            var path = Path.Combine(dir, fileName);
            await write(path).ConfigureAwait(false);
            files.Add(path);
            done++;
            Report(stage, figure, path, fileName);
        }

        // The browser starts (and loads plotly.js) while the files that need none are written: its start-up is the
        // largest fixed cost of an export.
        Task<FigureImageRenderer>? starting = null;
        if (chromium is not null)
        {
            Report(ExportStage.StartingBrowser, null, null, $"starting {Path.GetFileName(chromium)} for PNG and SVG");
            starting = FigureImageRenderer.StartAsync(
                new BrowserOptions { Executable = chromium, CallTimeout = options.BrowserTimeout, StartTimeout = options.BrowserTimeout }, bundle, ct);
        }
        var (reference, source) = ((PlotlyJsReference)null!, "");
        try
        {
            (reference, source) = await PlotlyReferenceAsync(bundle, options.Placement, dir, Write, notices, ct).ConfigureAwait(false);
            foreach (var f in figures)
            {
                await Write(f.Name, f.Name + ".plotly.json", p => AtomicFile.WriteAllTextAsync(p, FigureJson.Of(f.Chart) + "\n", ct)).ConfigureAwait(false);
                await Write(f.Name, f.Name + ".csv", p => AtomicFile.WriteAllTextAsync(p, CsvExport.ToCsv(f.Data), ct)).ConfigureAwait(false);
                await Write(f.Name, f.Name + ".html", p => AtomicFile.WriteAllTextAsync(p, FigureHtml.Page(f.Chart, reference, f.Title), ct)).ConfigureAwait(false);
            }
        }
        catch
        {
            if (starting is not null)
            {
                await CloseQuietlyAsync(starting).ConfigureAwait(false);
            }

            throw;
        }

        TimeSpan? imageElapsed = null;
        var imagesWritten = false;
        if (starting is not null)
        {
            var imageClock = Stopwatch.StartNew();
            try
            {
                var renderer = await starting.ConfigureAwait(false);
                await using var rendererDisposal = renderer.ConfigureAwait(false);
                // One figure is sent ahead: the browser draws it while the one before is decoded and written here.
                // Not more: one page draws one figure at a time, and each call's time limit runs from its sending.
                Task<(byte[] Png, string Svg)> Render(NamedFigure f) => renderer.RenderBothAsync(f.Chart, f.Width, f.Height, options.PngScale, ct);
                var next = figures.Count > 0 ? Render(figures[0]) : null;
                for (var i = 0; i < figures.Count; i++)
                {
                    var f = figures[i];
                    var current = next!;
                    next = i + 1 < figures.Count ? Render(figures[i + 1]) : null;
                    try
                    {
                        var (png, svg) = await current.ConfigureAwait(false);
                        await Write(f.Name, f.Name + ".png", p => AtomicFile.WriteAllBytesAsync(p, png, ct), ExportStage.Rendered).ConfigureAwait(false);
                        await Write(f.Name, f.Name + ".svg", p => AtomicFile.WriteAllTextAsync(p, svg, ct), ExportStage.Rendered).ConfigureAwait(false);
                    }
                    catch (BrowserException e)
                    {
                        Forget(next);
                        throw new FigureRenderException(f.Name, e);
                    }
                    catch
                    {
                        Forget(next);
                        throw;
                    }
                }
                imagesWritten = true;
            }
            catch (Exception e) when (e is BrowserException or FigureRenderException)
            {
                if (options.RequireImages)
                {
                    throw e as ExportException ?? new ImagesUnavailableException($"static images could not be rendered: {e.Message}", e);
                }

                notices.Add($"Static images (PNG, SVG) were not written: {FirstLine(e.Message)}");
                total = done + 1; // only the gallery is left
            }
            imageElapsed = imageClock.Elapsed;
        }

        await Write("", GalleryFileName, p => AtomicFile.WriteAllTextAsync(p, Gallery(figures, imagesWritten, source, notices, options.GalleryTitle), ct)).ConfigureAwait(false);
        Report(ExportStage.Finished, null, null, $"wrote {files.Count} files in {clock.Elapsed.TotalSeconds:0.0} s");
        return new ExportResult(dir, files, imagesWritten, notices, clock.Elapsed, imageElapsed, source);
    }

    /// <summary>Closes a browser started for an export that failed before it was used (its own failure is not the news).</summary>
    private static async Task CloseQuietlyAsync(Task<FigureImageRenderer> starting)
    {
        try
        {
            await (await starting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is BrowserException or IOException or OperationCanceledException)
        {
            // the export's own exception is rethrown by the caller
        }
    }

    /// <summary>A render sent ahead whose result is no longer wanted: its failure (the browser ends) is observed here.</summary>
    private static void Forget(Task? render) =>
        render?.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static async Task<(PlotlyJsReference Reference, string Source)> PlotlyReferenceAsync(
        string? bundle, PlotlyJsPlacement placement, string dir, Func<string, string, Func<string, Task>, ExportStage, Task> write,
        List<string> notices, CancellationToken ct)
    {
        if (bundle is null || placement == PlotlyJsPlacement.Cdn)
        {
            var note = bundle is null
                ? $"plotly.js {PlotlyJs.Version} is loaded from {PlotlyJs.CdnUrl} because this build had no local copy " +
                  "(npm was not available when it was built), so this chart needs a network connection."
                : null;
            if (note is not null)
            {
                notices.Add($"No local plotly.js (build ran without npm): the pages load plotly.js {PlotlyJs.Version} from the CDN.");
            }

            return (new PlotlyJsReference.Cdn(note), PlotlyJs.CdnUrl);
        }
        if (placement == PlotlyJsPlacement.Inline)
        {
            return (new PlotlyJsReference.Inline(await File.ReadAllTextAsync(bundle, ct).ConfigureAwait(false)), bundle);
        }

        await write("", PlotlyJs.BesideFileName, p => AtomicFile.CopyAsync(bundle, p, ct), ExportStage.Wrote).ConfigureAwait(false);
        return (new PlotlyJsReference.File(PlotlyJs.BesideFileName), bundle);
    }

    /// <summary>The gallery page: every figure's title and description, a thumbnail when there are images, and links to its files.</summary>
    public static string Gallery(IReadOnlyList<NamedFigure> figures, bool withImages, string plotlySource, IReadOnlyList<string> notices, string title = "Figures")
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        static string U(string s) => Uri.EscapeDataString(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
          .Append("body{font-family:sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222}\n")
          .Append(".figure{border-top:1px solid #ddd;padding:1em 0}.figure img{max-width:100%;border:1px solid #eee}\n")
          .Append(".files a{margin-right:1em}.notice{background:#fff6d5;padding:.5em .8em}\n</style>\n</head>\n<body>\n")
          .Append("<h1>").Append(E(title)).Append("</h1>\n");
        foreach (var n in notices)
        {
            sb.Append("<p class=\"notice\">").Append(E(n)).Append("</p>\n");
        }

        foreach (var f in figures)
        {
            sb.Append("<section class=\"figure\" id=\"").Append(E(f.Name)).Append("\">\n<h2><a href=\"").Append(U(f.Name)).Append(".html\">")
              .Append(E(f.Title)).Append("</a></h2>\n<p>").Append(E(f.Description)).Append("</p>\n");
            if (withImages)
            {
                sb.Append("<a href=\"").Append(U(f.Name)).Append(".html\"><img src=\"").Append(U(f.Name)).Append(".png\" alt=\"")
                  .Append(E(f.Title)).Append("\" width=\"").Append(f.Width).Append("\"></a>\n");
            }

            sb.Append("<p class=\"files\">");
            foreach (var ext in withImages ? new[] { "html", "png", "svg", "plotly.json", "csv" } : ["html", "plotly.json", "csv"])
            {
                sb.Append("<a href=\"").Append(U(f.Name)).Append('.').Append(ext).Append("\">").Append(E(f.Name)).Append('.').Append(ext).Append("</a>");
            }

            sb.Append("</p>\n</section>\n");
        }
        sb.Append("<p><small>Charts drawn with plotly.js ").Append(PlotlyJs.Version).Append(" (").Append(E(Path.GetFileName(plotlySource)))
          .Append(").</small></p>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
