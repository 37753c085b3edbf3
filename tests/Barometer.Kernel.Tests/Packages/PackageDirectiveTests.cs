using Barometer.Kernel.Execution;
using Barometer.Kernel.Packages;

namespace Barometer.Kernel.Tests.Packages;

/// <summary>Directive parsing and the checks made before any restore (no registry needed).</summary>
public class PackageDirectiveTests
{
    [Theory]
    [InlineData("#r \"nuget: MathNet.Numerics, 5.0.0\"", PackageDirectiveKind.Reference, "MathNet.Numerics", "5.0.0")]
    [InlineData("  #r \"nuget:MathNet.Numerics\"  ", PackageDirectiveKind.Reference, "MathNet.Numerics", null)]
    [InlineData("#r \"nuget: Foo, [1.0,2.0)\"", PackageDirectiveKind.Reference, "Foo", "[1.0,2.0)")]
    [InlineData("#r \"nuget: Foo, *-*\"", PackageDirectiveKind.Reference, "Foo", "*-*")]
    [InlineData("#i \"nuget: https://example.invalid/v3/index.json\"", PackageDirectiveKind.Source, "https://example.invalid/v3/index.json", null)]
    public void Directives_are_recognised(string line, PackageDirectiveKind kind, string name, string? version)
    {
        Assert.True(PackageDirectiveParser.TryParse(line, 3, out var directive));
        Assert.Equal((kind, name, version, 3), (directive!.Kind, directive.Name, directive.Version, directive.Line));
    }

    [Theory]
    [InlineData("#r \"MathNet.Numerics.dll\"")]
    [InlineData("// #r \"nuget: Foo\"")]
    public void Other_lines_are_not_directives(string line) => Assert.False(PackageDirectiveParser.TryParse(line, 1, out _));

    [Theory]
    [InlineData(null, "*")]
    [InlineData("5.0.0", "5.0.0")]
    [InlineData("[5.0.0]", "[5.0.0]")]
    [InlineData("[1.0,2.0)", "[1.0,2.0)")]
    [InlineData("5.*", "5.*")]
    [InlineData("*-*", "*-*")]
    public void Versions_reach_the_restore_as_written_so_NuGet_reads_them(string? written, string expected) =>
        Assert.Equal(expected, PackageService.RequirementVersion(written));

    [Fact]
    public void A_plain_version_is_a_minimum_and_brackets_mean_exactly_as_NuGet_reads_them()
    {
        var plain = NuGet.Versioning.VersionRange.Parse(PackageService.RequirementVersion("4.1.5"));
        var exact = NuGet.Versioning.VersionRange.Parse(PackageService.RequirementVersion("[4.1.5]"));

        Assert.True(plain.Satisfies(NuGet.Versioning.NuGetVersion.Parse("6.0.1")));
        Assert.False(plain.Satisfies(NuGet.Versioning.NuGetVersion.Parse("4.1.4")));
        Assert.False(exact.Satisfies(NuGet.Versioning.NuGetVersion.Parse("6.0.1")));
        Assert.True(exact.Satisfies(NuGet.Versioning.NuGetVersion.Parse("4.1.5")));
    }

    [Fact]
    public async Task Two_versions_of_one_package_in_a_cell_fail_before_any_restore()
    {
        using var cache = new Support.TempDirectory();
        using var session = new ScriptSession(new ScriptSessionOptions { PackageCacheDirectory = cache.Path });
        var result = await session.ExecuteAsync(new CellSubmission("#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"nuget: MathNet.Numerics, 4.15.0\"") { CellNumber = 2 });

        Assert.Equal(CellErrorKind.NuGetReference, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
        Assert.Contains("Cell 2", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains("asked for twice in this cell, as version 5.0.0 (line 1) and as version 4.15.0", result.Error.EValue, StringComparison.Ordinal);
        Assert.Equal(0, session.Packages.RestoresRun);
        Assert.True((await session.ExecuteAsync("3")).Succeeded);
    }

    [Fact]
    public async Task An_invalid_version_is_reported_without_a_restore()
    {
        using var cache = new Support.TempDirectory();
        using var session = new ScriptSession(new ScriptSessionOptions { PackageCacheDirectory = cache.Path });
        var result = await session.ExecuteAsync("#r \"nuget: MathNet.Numerics, five\"");

        Assert.Contains("'five' is not a NuGet version", result.Error!.EValue, StringComparison.Ordinal);
        Assert.Equal(0, session.Packages.RestoresRun);
    }

    [Fact]
    public async Task A_source_directive_adds_a_session_source_resolved_against_the_notebook_folder()
    {
        using var folder = new Support.TempDirectory();
        Directory.CreateDirectory(folder.File("feed"));
        using var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = folder.Path, PackageCacheDirectory = folder.File("cache") });
        var missing = await session.ExecuteAsync("#i \"nuget: https://example.invalid/v3/index.json\"\n#i \"nuget: no-such-feed\"");
        var result = await session.ExecuteAsync("#i \"nuget: feed\"\n#i \"nuget: https://example.invalid/v3/index.json\"");

        Assert.Contains("no-such-feed' does not exist", missing.Error!.EValue, StringComparison.Ordinal);
        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(new[] { folder.File("feed"), "https://example.invalid/v3/index.json" }, session.Packages.Sources);
    }

    [Theory]
    [InlineData("libfoo.so", "foo")]
    [InlineData("libfoo.so.1", "foo")]
    [InlineData("foo.dll", "foo")]
    [InlineData("libfoo.dylib", "foo")]
    [InlineData("foo", "foo")]
    public void Native_library_names_match_their_dllimport_names(string file, string expected) =>
        Assert.Equal(expected, PackageLoadContext.StripNativeName(file));
}
