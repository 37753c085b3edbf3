using Barometer.Analysis.Charts;
using Barometer.Analysis.Charts.Export;
using Barometer.Browser;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Analysis.Tests.Charts;

/// <summary>The issue-18 figures exported once with images, for every browser test of <see cref="BrowserExportTests"/>.</summary>
public sealed class BrowserExportFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("barometer-browser-test-").FullName;
    public ExportResult? Result { get; private set; }
    public Exception? Failure { get; private set; }

    public async Task InitializeAsync()
    {
        if (ChromiumLocator.Find() is null)
        {
            return;
        }

        try
        {
            Result = await FigureExporter.ExportAsync(ChartTestData.Figures, Directory, new ExportOptions { RequireImages = true });
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    public ExportResult Export()
    {
        if (Failure is not null)
        {
            throw new Xunit.Sdk.XunitException($"the export failed: {Failure}");
        }

        return Result ?? throw new Xunit.Sdk.XunitException("the export did not run");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// End to end in headless Chromium: the exported pages draw their charts without errors, the images have the right size.
/// How long an export takes is for a benchmark, not for these tests.
/// </summary>
public sealed class BrowserExportTests(BrowserExportFixture fixture) : IClassFixture<BrowserExportFixture>
{
    [SkippableFact]
    public async Task Every_exported_page_draws_its_chart_without_javascript_errors()
    {
        BrowserRequirement.Chromium();
        var result = fixture.Export();
        Assert.True(result.ImagesWritten);
        await using var browser = await HeadlessChromium.StartAsync();
        await using var page = await browser.OpenPageAsync();
        foreach (var f in ChartTestData.Figures)
        {
            var report = await page.CheckFigurePageAsync(new Uri(Path.Combine(fixture.Directory, f.Name + ".html")));
            Assert.True(report.Rendered, $"{f.Name}.html drew no chart; errors: {string.Join("; ", report.Errors)}");
            Assert.True(report.Errors.Count == 0, $"{f.Name}.html logged errors: {string.Join("; ", report.Errors)}");
            Assert.Equal(f.Title, report.Title);
        }
    }

    [SkippableFact]
    public void Png_and_svg_are_images_of_the_figure_size()
    {
        BrowserRequirement.Chromium();
        fixture.Export();
        var scale = new ExportOptions().PngScale;
        foreach (var f in ChartTestData.Figures)
        {
            var png = ImageInfo.PngSize(File.ReadAllBytes(Path.Combine(fixture.Directory, f.Name + ".png")));
            Assert.Equal(((int)(f.Width * scale), (int)(f.Height * scale)), png);
            var svg = ImageInfo.SvgSize(File.ReadAllText(Path.Combine(fixture.Directory, f.Name + ".svg")));
            Assert.Equal((f.Width, f.Height), svg);
        }
        Assert.Empty(System.IO.Directory.GetFiles(fixture.Directory, "*.tmp"));
    }

    [SkippableFact]
    public async Task A_hostile_label_is_drawn_as_text_and_never_runs()
    {
        BrowserRequirement.Chromium();
        const string label = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> & done";
        var escaped = PlotlyText.Escape(label);
        var figure = PlotlyProperties.Chart(
            [PlotlyProperties.Trace("bar", ("x", new[] { escaped }), ("y", new[] { 1 }), ("name", escaped))],
            PlotlyProperties.Layout(
                ("title", PlotlyProperties.Object(("text", escaped))),
                ("annotations", new[] { PlotlyProperties.Object(("text", escaped), ("x", 0.5), ("y", 0.5), ("xref", "paper"), ("yref", "paper"), ("showarrow", false)) })));
        var dir = System.IO.Directory.CreateTempSubdirectory("barometer-hostile-").FullName;
        try
        {
            var named = new NamedFigure("hostile", label, label, figure, new FigureTable(["label"], [[label]]), 600, 400);
            await FigureExporter.ExportAsync([named], dir, new ExportOptions { Images = false });
            await using var browser = await HeadlessChromium.StartAsync();
            await using var page = await browser.OpenPageAsync();
            var report = await page.CheckFigurePageAsync(new Uri(Path.Combine(dir, "hostile.html")));
            Assert.True(report.Rendered, string.Join("; ", report.Errors));
            Assert.Equal(label, report.Title);
            Assert.Equal(label, (await page.EvaluateAsync("document.querySelector('.annotation-text').textContent")).GetString());
            Assert.Equal(label, (await page.EvaluateAsync("document.querySelector('.gtitle').textContent")).GetString());
            Assert.Equal("undefined", (await page.EvaluateAsync("typeof window.__pwned")).GetString());
            Assert.Empty(report.Errors);
            var gallery = await File.ReadAllTextAsync(Path.Combine(dir, FigureExporter.GalleryFileName));
            Assert.DoesNotContain("<img src=x", gallery);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public async Task The_renderer_draws_a_png_of_the_asked_size()
    {
        BrowserRequirement.Chromium();
        await using var renderer = await FigureImageRenderer.StartAsync();
        var png = await renderer.RenderPngAsync(ChartTestData.Figures[0].Chart, 400, 300);
        Assert.Equal((400, 300), ImageInfo.PngSize(png));
    }
}
