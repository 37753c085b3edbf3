using Barometer.Analysis.Charts;
using Barometer.Analysis.Charts.Export;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Loading;
using Barometer.Browser;
using BenchmarkDotNet.Attributes;

namespace Barometer.Analysis.Benchmarks;

/// <summary>
/// Exporting the seven figures of issue 18 (<c>barometer reproduce --issue 18 --out DIR</c>): everything
/// (<see cref="ExportAll"/>: HTML, JSON, CSV, PNG, SVG and the gallery through one headless Chromium), the files that
/// need no browser (<see cref="ExportWithoutImages"/>), the browser's fixed cost (<see cref="StartBrowserAndPlotly"/>:
/// start Chromium with its page loading plotly.js, end it), and one image with a warm browser (<see cref="OnePng"/>,
/// <see cref="OneSvg"/>, the relations figure at the export's size). Needs Chromium.
/// </summary>
public class FigureExportBenchmarks
{
    private IReadOnlyList<NamedFigure> _figures = null!;
    private string _dir = null!;
    private HeadlessChromium _browser = null!;
    private FigureImageRenderer _renderer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = BarometerDataLoader.Load();
        _figures = IssueFigures.All(IssueReproduction.Reproduce(data, 18), data);
        _dir = Directory.CreateTempSubdirectory("barometer-export-bench-").FullName;
        _browser = HeadlessChromium.StartAsync().GetAwaiter().GetResult();
        _renderer = FigureImageRenderer.StartAsync(_browser, PlotlyJs.FindOrExtract()).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _renderer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _browser.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Description = "export 7 figures: HTML, JSON, CSV, PNG, SVG, gallery")]
    public Task<ExportResult> ExportAll() => FigureExporter.ExportAsync(_figures, _dir, new ExportOptions { RequireImages = true });

    [Benchmark(Description = "export 7 figures without images")]
    public Task<ExportResult> ExportWithoutImages() => FigureExporter.ExportAsync(_figures, _dir, new ExportOptions { Images = false });

    [Benchmark(Description = "browser fixed cost: start, load plotly.js, close")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet runs [Benchmark] methods on an instance of the class.")]
    public async Task StartBrowserAndPlotly()
    {
        await using var renderer = await FigureImageRenderer.StartAsync(); // its own browser, plotly.js loading as it starts
    }

    [Benchmark(Description = "one PNG (960x540 at scale 2), warm browser")]
    public Task<byte[]> OnePng() => _renderer.RenderPngAsync(_figures[0].Chart, _figures[0].Width, _figures[0].Height, 2);

    [Benchmark(Description = "one SVG, warm browser")]
    public Task<string> OneSvg() => _renderer.RenderSvgAsync(_figures[0].Chart, _figures[0].Width, _figures[0].Height);
}
