using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Tests.Widgets;

/// <summary>
/// The chart libraries .NET Interactive notebooks import (<c>using Plotly.NET;</c>, <c>using XPlot.Plotly;</c>) have a
/// <c>Layout</c> of their own: their notebooks' code keeps compiling beside the default widget import, and widget code
/// in the same cells too. Restores from the real registry (CI reaches it); offline, filter with
/// <c>--filter Category!=NuGetRegistry</c>.
/// </summary>
[Trait("Category", "NuGetRegistry")]
public sealed class WidgetNamePackageTests
{
    private static ScriptSession NewSession() => new(new ScriptSessionOptions { DocumentName = "charts.ipynb" });

    [Fact]
    public async Task Plotly_NET_layout_and_a_widget_layout_compile_in_one_cell()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync(
            "#r \"nuget: Plotly.NET, 6.0.0\"\nusing Plotly.NET;\nvar layout = new Layout();\n" +
            "var flip = new FloatSlider { Max = 0.5, Layout = { Width = \"50%\" } };\nvar box = new VBox(flip, new Output(), new Barometer.Kernel.Widgets.Label(\"x\"));\n" +
            "$\"{layout.GetType().FullName} {flip.Layout.GetType().FullName} {box.Children.Count}\"");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("Plotly.NET.Layout Barometer.Kernel.Widgets.Layout 3", result.ReturnValue);
    }

    [Fact]
    public async Task XPlot_Layout_Layout_in_the_style_of_the_NET_Interactive_samples_compiles_beside_widgets()
    {
        using var session = NewSession();

        var reference = await session.ExecuteAsync("#r \"nuget: XPlot.Plotly, 4.0.6\"\nusing XPlot.Plotly;");
        var chart = await session.ExecuteAsync(
            "var chart = Chart.Plot(new[] { new Scatter { x = new[] { 1, 2 }, y = new[] { 3, 4 } } });\n" +
            "chart.WithLayout(new Layout.Layout { title = \"t\" });\nvar slider = new IntSlider { Layout = { Height = \"20px\" } };\n" +
            "$\"{typeof(Layout.Layout).FullName} {slider.Layout.Height}\"");

        Assert.True(reference.Succeeded, reference.Error?.EValue);
        Assert.True(chart.Succeeded, chart.Error?.EValue);
        Assert.Equal("XPlot.Plotly.Layout+Layout 20px", chart.ReturnValue);
    }
}
