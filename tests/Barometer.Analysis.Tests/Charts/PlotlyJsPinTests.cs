using System.Text.Json.Nodes;
using Barometer.Analysis.Charts;

namespace Barometer.Analysis.Tests.Charts;

public class PlotlyJsPinTests
{
    private static string PackageDir => Path.Combine(ChartTestData.RepositoryRoot, "src", "Barometer.Analysis", "Charts", "plotlyjs");

    [Fact]
    public void The_npm_pin_and_the_lock_file_name_the_version_of_the_constant()
    {
        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(PackageDir, "package.json")))!;
        Assert.Equal(PlotlyJs.Version, (string?)package["dependencies"]![PlotlyJs.NpmPackage]);
        var lockFile = JsonNode.Parse(File.ReadAllText(Path.Combine(PackageDir, "package-lock.json")))!;
        Assert.Equal(PlotlyJs.Version, (string?)lockFile["packages"]![$"node_modules/{PlotlyJs.NpmPackage}"]!["version"]);
        Assert.Equal(PlotlyJs.Version, (string?)lockFile["packages"]![""]!["dependencies"]![PlotlyJs.NpmPackage]);
    }

    [SkippableFact]
    public void A_bundled_copy_when_present_is_the_pinned_version()
    {
        var bundled = Path.Combine(AppContext.BaseDirectory, PlotlyJs.BundledRelativePath);
        Skip.IfNot(File.Exists(bundled), "built without npm: pages use the CDN (tested in FigureExportTests)");
        Assert.True(PlotlyJs.IsPinnedVersion(bundled));
        Assert.Equal(Path.GetFullPath(bundled), Path.GetFullPath(PlotlyJs.FindBundled()!));
    }

    [Fact]
    public void The_pin_is_the_plotly_js_that_Plotly_NET_targets()
    {
        Assert.Equal(Globals.PLOTLYJS_VERSION, PlotlyJs.Version);
        using var embedded = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream(PlotlyJs.EmbeddedResourceName);
        Assert.NotNull(embedded);
    }

    [Fact]
    public void Without_an_npm_bundle_the_copy_Plotly_NET_embeds_is_used()
    {
        var path = PlotlyJs.FindOrExtract();
        Assert.NotNull(path);
        Assert.True(PlotlyJs.IsPinnedVersion(path!));
    }
}
