using System.Diagnostics;
using System.Text.Json.Nodes;
using Barometer.Browser;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting.Known;
using Barometer.Kernel.Running;
using Barometer.Kernel.Tests.Support;
using static Barometer.Kernel.Tests.Support.Notebooks;

namespace Barometer.Kernel.Tests.Formatting;

/// <summary>
/// Charts' PNGs come from one browser per session, off the cell's critical path: the interactive outputs go out at once,
/// the PNG follows as an update of the same display, and a headless run waits for it before writing the notebook
/// (issue 20 items 2 and 5, issue 21 items 1 and 7). The chart HTML reads the figure from its plotly JSON and has ids
/// derived from the figure.
/// </summary>
public class ChartImageTests
{
    private static string Dll(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll").Replace("\\", "/");

    private static readonly string Charts = string.Concat(new[] { "FSharp.Core", "DynamicObj", "Plotly.NET", "Plotly.NET.CSharp" }.Select(n => $"#r \"{Dll(n)}\"\n"));

    private static string Chart(double y) =>
        $"Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] {{ 1.0, 2.0 }}, y: new[] {{ 3.0, {y.ToString(System.Globalization.CultureInfo.InvariantCulture)} }}, Name: \"points\")";

    private static void NeedChromium() =>
        Skip.If(Environment.GetEnvironmentVariable("CI") is null && ChromiumLocator.Find() is null, "no Chromium here");

    [SkippableFact]
    public async Task A_chart_goes_out_at_once_and_its_png_follows_as_an_update_of_the_same_display()
    {
        NeedChromium();
        using var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "charts.ipynb", InlinePlotlyJs = false });
        var events = new List<CellEvent>();
        var outputs = new CellOutputBuilder();
        void OnEvent(CellEvent e)
        {
            lock (events)
            {
                events.Add(e);
            }

            outputs.Add(e);
        }

        var result = await session.ExecuteAsync(new CellSubmission(Charts + Chart(-4.25)), OnEvent);
        Assert.True(result.Succeeded, result.Error?.EValue);
        CellEvent[] atEnd;
        lock (events)
        {
            atEnd = [.. events];
        }

        var shown = Assert.Single(atEnd.OfType<DisplayShown>());
        Assert.DoesNotContain(atEnd, e => e is ResultProduced); // a display, so that the front end can update it
        Assert.False(shown.Data.ContainsKey("image/png"));
        Assert.True(shown.Data.ContainsKey("application/vnd.plotly.v1+json"));

        Assert.True(await session.WhenOutputsCompleteAsync(TimeSpan.FromMinutes(2)));
        DisplayUpdated update;
        lock (events)
        {
            update = Assert.Single(events.OfType<DisplayUpdated>());
        }

        Assert.Equal(shown.DisplayId, update.DisplayId);
        Assert.Equal("PNG"u8.ToArray(), Convert.FromBase64String(update.Data["image/png"])[1..4]);
        Assert.Equal(shown.Data["application/vnd.plotly.v1+json"], update.Data["application/vnd.plotly.v1+json"]);

        // Stored once: the notebook output has the PNG as image/png, none inside the HTML, and no plotly.js.
        var data = Assert.Single(outputs.Build()).Data;
        Assert.True(data.ContainsKey("image/png"));
        Assert.DoesNotContain("data:image/png", data["text/html"]);
        Assert.DoesNotContain("plotly.js v", data["text/html"]);
        Assert.DoesNotContain("-4.25", data["text/html"]); // the figure is read from the plotly JSON, not repeated
    }

    [SkippableFact]
    public async Task Every_chart_of_a_session_is_drawn_by_one_browser_which_ends_with_the_session()
    {
        NeedChromium();
        var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "charts.ipynb", InlinePlotlyJs = false });
        await session.ExecuteAsync(Charts + Chart(1));
        await session.ExecuteAsync(Chart(2));
        await session.ExecuteAsync(Chart(3));
        Assert.True(await session.WhenOutputsCompleteAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(1, session.Charts.Images.BrowsersStarted);
        var pid = session.Charts.Images.BrowserProcessId ?? throw new InvalidOperationException("no browser ran");

        session.Dispose();
        Assert.False(IsRunning(pid), $"the session's browser {pid} still runs after the session ended");
    }

    [SkippableFact]
    public async Task A_session_that_references_Plotly_NET_starts_its_chart_browser_before_its_first_chart()
    {
        NeedChromium();
        using var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "charts.ipynb", InlinePlotlyJs = false });
        Assert.False(session.Charts.Images.Started);
        var references = await session.ExecuteAsync(Charts + "1");
        Assert.True(references.Succeeded, references.Error?.EValue);
        Assert.DoesNotContain(references.Outputs, o => o.Data.ContainsKey("application/vnd.plotly.v1+json")); // no chart yet
        Assert.True(session.Charts.Images.Started, "the browser did not start when the session gained Plotly.NET");

        var chart = await session.ExecuteAsync(Chart(6));
        Assert.True(chart.Succeeded, chart.Error?.EValue);
        Assert.True(await session.WhenOutputsCompleteAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(1, session.Charts.Images.BrowsersStarted); // the early browser drew the chart
        Assert.NotNull(session.Charts.Images.BrowserProcessId);
    }

    [Fact]
    public async Task With_images_off_no_browser_starts_early()
    {
        await using var images = new ChartImages(enabled: false); // BAROMETER_KERNEL_IMAGES=0
        images.StartEarly(() => throw new InvalidOperationException("plotly.js was read with images off"));
        Assert.False(images.Started);
        Assert.Equal(0, images.BrowsersStarted);
    }

    [Fact]
    public async Task No_browser_starts_early_for_a_session_that_has_ended()
    {
        var images = new ChartImages(new BrowserOptions { Executable = "/nonexistent/chromium" }, enabled: true);
        await images.DisposeAsync();
        images.StartEarly(() => "var Plotly = {};");
        Assert.False(images.Started);
    }

    [Fact]
    public void Plotly_js_is_read_from_the_Plotly_NET_file_without_loading_it()
    {
        var script = PlotlyChartRenderer.BundledPlotlyJs(Dll("Plotly.NET"));
        Assert.NotNull(script);
        Assert.Contains("plotly.js v", script);
        Assert.Null(PlotlyChartRenderer.BundledPlotlyJs(Dll("FSharp.Core"))); // no plotly.js in it
    }

    [Fact]
    public async Task Without_a_browser_the_chart_says_why_it_has_no_image()
    {
        await using var images = new ChartImages(new BrowserOptions { Executable = "/nonexistent/chromium" });
        var image = await images.RenderAsync("{\"data\":[]}", () => "var Plotly = {};", 100, 100);
        Assert.Null(image.Png);
        Assert.Contains("/nonexistent/chromium", image.Reason);
    }

    [Fact]
    public async Task A_render_that_fails_in_an_unexpected_way_still_ends_in_a_reason_not_a_faulted_task()
    {
        // A faulted render would leave the chart's display without an update, and the notebook silently without a PNG.
        await using var images = new ChartImages(new BrowserOptions { Executable = "/nonexistent/chromium" }, enabled: true);
        var image = await images.RenderAsync("{\"data\":[]}", () => throw new InvalidOperationException("the library could not be read"), 100, 100);
        Assert.Null(image.Png);
        Assert.Equal("InvalidOperationException: the library could not be read", image.Reason);
    }

    [Fact]
    public async Task A_chart_that_waited_for_a_failed_early_start_starts_the_browser_again_for_itself()
    {
        await using var images = new ChartImages(new BrowserOptions { Executable = "/nonexistent/chromium" }, enabled: true);
        using var readingPlotlyJs = new ManualResetEventSlim();
        images.StartEarly(() =>
        {
            readingPlotlyJs.Wait();
            throw new InvalidOperationException("the early read failed");
        });
        var rendering = images.RenderAsync("{\"data\":[]}", () => "var Plotly = {};", 100, 100); // waits for the early start
        readingPlotlyJs.Set();
        var image = await rendering;
        Assert.Null(image.Png);
        Assert.Contains("/nonexistent/chromium", image.Reason); // the chart's own start, not the early one's failure
    }

    [Fact]
    public void Element_ids_are_derived_from_the_figure_and_unique_within_a_session()
    {
        var a = new SessionChartState(inlinePlotlyJs: false);
        var b = new SessionChartState(inlinePlotlyJs: false);
        var first = a.ElementId("{\"data\":[1]}");
        Assert.Matches("^plotly-chart-[0-9a-f]{12}$", first);
        Assert.Equal(first, b.ElementId("{\"data\":[1]}")); // another run, the same id
        Assert.Equal(first + "-2", a.ElementId("{\"data\":[1]}")); // the same figure again in one page
        Assert.NotEqual(first, a.ElementId("{\"data\":[2]}"));
        Assert.False(a.TakeFirst()); // a headless session never inlines plotly.js
        Assert.True(new SessionChartState(inlinePlotlyJs: true).TakeFirst());
    }

    [Fact]
    public async Task Two_runs_of_a_chart_give_the_same_html()
    {
        using var one = new ScriptSession(new ScriptSessionOptions { DocumentName = "a.ipynb", InlinePlotlyJs = false });
        using var two = new ScriptSession(new ScriptSessionOptions { DocumentName = "a.ipynb", InlinePlotlyJs = false });
        var a = await one.ExecuteAsync(Charts + Chart(5));
        var b = await two.ExecuteAsync(Charts + Chart(5));
        Assert.True(a.Succeeded, a.Error?.EValue);
        Assert.Equal(Assert.Single(a.Outputs).Data["text/html"], Assert.Single(b.Outputs).Data["text/html"]);
    }

    [SkippableFact]
    public async Task A_headless_run_over_the_protocol_writes_each_chart_with_its_png_and_without_plotly_js()
    {
        NeedChromium();
        using var dir = new TempDirectory();
        var input = Save(dir, "chart.ipynb", Create(Code(Charts + Chart(7)), Code(Chart(8))));
        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("out.ipynb"), Kernel = KernelHostProgram.StartInfo() });
        Assert.Equal(NotebookRunStatus.Succeeded, result.Status);
        var written = await NotebookFile.LoadAsync(dir.File("out.ipynb"));
        foreach (var cell in written.Cells)
        {
            var output = Assert.Single(cell.Outputs);
            Assert.Equal(CellOutput.DisplayDataType, output.OutputType);
            Assert.True(output.Data.ContainsKey("image/png"), string.Join(", ", output.Data.Keys) + ": " + output.Data["text/plain"]);
            Assert.DoesNotContain("plotly.js v", output.Data["text/html"]);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
