using Barometer.Analysis.Charts;
using Barometer.Analysis.Charts.Export;

namespace Barometer.Analysis.Tests.Charts;

/// <summary>Exports without a browser: HTML, JSON and CSV are written, images are skipped with one notice.</summary>
public sealed class FigureExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-export-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ExportOptions NoBrowser = new() { FindChromium = () => null };

    [Fact]
    public async Task Without_a_browser_the_export_writes_html_json_and_csv_and_says_so_once()
    {
        var progress = new List<ExportProgress>();
        var result = await FigureExporter.ExportAsync(ChartTestData.Figures, _dir, NoBrowser, new SyncProgress(progress.Add));

        Assert.False(result.ImagesWritten);
        var notice = Assert.Single(result.Notices, n => n.Contains("Chromium", StringComparison.Ordinal));
        Assert.Contains("apt-get install chromium", notice);
        Assert.DoesNotContain('\n', notice);
        foreach (var f in ChartTestData.Figures)
        {
            foreach (var ext in new[] { ".html", ".plotly.json", ".csv" })
            {
                Assert.True(File.Exists(Path.Combine(_dir, f.Name + ext)), f.Name + ext);
            }
        }

        Assert.Empty(Directory.GetFiles(_dir, "*.png"));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        var gallery = await File.ReadAllTextAsync(Path.Combine(_dir, FigureExporter.GalleryFileName));
        foreach (var f in ChartTestData.Figures)
        {
            Assert.Contains($"href=\"{f.Name}.html\"", gallery);
        }

        Assert.Contains(notice.Replace("'", "&#39;"), gallery.Replace("'", "&#39;"));

        Assert.Equal(result.Files.Count, progress.Count(p => p.File is not null));
        Assert.Equal(Enumerable.Range(1, result.Files.Count), progress.Where(p => p.File is not null).Select(p => p.Completed));
        Assert.All(progress, p => Assert.Equal(progress[^1].Total, p.Total));
    }

    [Fact]
    public async Task Json_files_are_the_figure_json()
    {
        await FigureExporter.ExportAsync(ChartTestData.Figures, _dir, NoBrowser);
        foreach (var f in ChartTestData.Figures)
        {
            Assert.Equal(FigureJson.Of(f.Chart) + "\n", await File.ReadAllTextAsync(Path.Combine(_dir, f.Name + ".plotly.json")));
        }
    }

    [Fact]
    public async Task Requiring_images_without_a_browser_is_an_error()
    {
        var e = await Assert.ThrowsAsync<ImagesUnavailableException>(() =>
            FigureExporter.ExportAsync(ChartTestData.Figures, _dir, NoBrowser with { RequireImages = true }));
        Assert.Contains("Chromium", e.Message);
        Assert.IsAssignableFrom<ExportException>(e); // the one base type the CLI catches
    }

    [Fact]
    public async Task A_browser_variable_that_names_nothing_is_said_not_silently_skipped()
    {
        var options = NoBrowser with { FindChromium = () => throw new Barometer.Browser.BrowserNotFoundException("BAROMETER_CHROMIUM='nothing' is not an existing file or a program on PATH") };
        var result = await FigureExporter.ExportAsync(ChartTestData.Figures, _dir, options);
        Assert.Contains(result.Notices, n => n.Contains("BAROMETER_CHROMIUM='nothing'", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ImagesUnavailableException>(() => FigureExporter.ExportAsync(ChartTestData.Figures, _dir, options with { RequireImages = true }));
    }

    [SkippableFact]
    public async Task With_the_bundle_pages_load_the_copy_written_beside_them()
    {
        Skip.If(PlotlyJs.FindBundled() is null, "built without npm: no bundled plotly.js (the CDN case is tested below)");
        await FigureExporter.ExportAsync(ChartTestData.Figures, _dir, NoBrowser);
        Assert.True(File.Exists(Path.Combine(_dir, PlotlyJs.BesideFileName)));
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, ChartTestData.Figures[0].Name + ".html"));
        Assert.Contains($"<script src=\"{PlotlyJs.BesideFileName}\"", html);
        Assert.DoesNotContain("cdn.plot.ly", html);
    }

    [Fact]
    public async Task Without_npm_the_pages_load_the_pinned_version_from_the_cdn_and_say_so()
    {
        var result = await FigureExporter.ExportAsync(ChartTestData.Figures, _dir, NoBrowser with { FindPlotlyJs = () => null });
        Assert.Equal(PlotlyJs.CdnUrl, result.PlotlyJsSource);
        Assert.False(File.Exists(Path.Combine(_dir, PlotlyJs.BesideFileName)));
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, ChartTestData.Figures[0].Name + ".html"));
        Assert.Contains($"<script src=\"{PlotlyJs.CdnUrl}\"", html);
        Assert.Contains("id=\"plotly-note\"", html);
        Assert.Contains(result.Notices, n => n.Contains("CDN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rewriting_replaces_files_whole()
    {
        await FigureExporter.ExportAsync(ChartTestData.Figures, _dir, NoBrowser);
        var path = Path.Combine(_dir, ChartTestData.Figures[0].Name + ".csv");
        await File.WriteAllTextAsync(path, new string('x', 100_000));
        await FigureExporter.ExportAsync(ChartTestData.Figures, _dir, NoBrowser);
        Assert.Equal(CsvExport.ToCsv(ChartTestData.Figures[0].Data), await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Duplicate_names_are_rejected_before_anything_is_written()
    {
        var f = ChartTestData.Figures[0];
        await Assert.ThrowsAsync<ArgumentException>(() => FigureExporter.ExportAsync([f, f], _dir, NoBrowser));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    /// <summary>Reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>).</summary>
    internal sealed class SyncProgress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}
