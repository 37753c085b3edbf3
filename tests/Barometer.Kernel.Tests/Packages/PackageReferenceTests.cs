using Barometer.Kernel.Execution;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Packages;

/// <summary>
/// <c>#r "nuget:…"</c> against the real registry (CI reaches it): each test restores at most once into a cache
/// folder of its own, so the assertions on "restore ran / did not run" do not depend on other tests.
/// Filter them out offline with <c>--filter Category!=NuGetRegistry</c>.
/// </summary>
[Trait("Category", "NuGetRegistry")]
public sealed class PackageReferenceTests : IDisposable
{
    private readonly TempDirectory _cache = new();

    private ScriptSession NewSession(List<PackageProgress>? progress = null) => new(new ScriptSessionOptions
    {
        DocumentName = "packages.ipynb",
        PackageCacheDirectory = _cache.Path,
        PackageProgress = progress is null ? null : new ListProgress(progress),
    });

    [Fact]
    public async Task A_package_restores_loads_and_runs_and_a_second_session_restores_nothing()
    {
        var progress = new List<PackageProgress>();
        using (var first = NewSession(progress))
        {
            var reference = await first.ExecuteAsync(new CellSubmission("#r \"nuget: MathNet.Numerics, 5.0.0\"\nusing MathNet.Numerics;\nusing MathNet.Numerics.Statistics;") { CellNumber = 1 });
            Assert.True(reference.Succeeded, reference.Error?.EValue);
            var stream = string.Concat(reference.Outputs.Where(o => o.OutputType == "stream").Select(o => o.Text));
            Assert.Contains("Restoring MathNet.Numerics 5.0.0…", stream, StringComparison.Ordinal);
            Assert.Contains("Installed MathNet.Numerics 5.0.0", stream, StringComparison.Ordinal);
            Assert.Equal(1, first.Packages.RestoresRun);
            Assert.Contains(progress, p => p.Stage == PackageProgressStage.Restoring);

            var use = await first.ExecuteAsync("new[] { 1.0, 2.0, 3.0, 4.0 }.Mean() + SpecialFunctions.Factorial(5)");
            Assert.True(use.Succeeded, use.Error?.EValue);
            Assert.Equal(122.5, use.ReturnValue);

            // The package's assembly lives in the session's own load context, not in the default one.
            var context = await first.ExecuteAsync("System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(SpecialFunctions).Assembly)!.Name");
            Assert.StartsWith("NuGet packages of a script session", (string)context.ReturnValue!, StringComparison.Ordinal);

            // The package's types are completed and documented (MathNet ships its XML docs beside the dll).
            using (var language = new Barometer.Kernel.Language.LanguageService(first))
            {
                var completion = await language.CompleteAsync("SpecialFunctions.Fac", 20);
                Assert.Contains("Factorial", completion.Matches);
                var inspection = await language.InspectAsync("SpecialFunctions.Gamma(", 23);
                Assert.True(inspection.Found);
                Assert.Contains("double SpecialFunctions.Gamma(double z)", inspection.Data["text/plain"], StringComparison.Ordinal);
                Assert.Contains("Computes the Gamma function.", inspection.Data["text/plain"], StringComparison.Ordinal);
            }

            // Asking again for the loaded package (same version, or no version) does nothing.
            var again = await first.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"nuget: mathnet.numerics\"\n1");
            Assert.True(again.Succeeded, again.Error?.EValue);
            Assert.DoesNotContain(again.Outputs, o => o.OutputType == "stream");
            Assert.Equal(1, first.Packages.RestoresRun);

            // A lower minimum is satisfied by the loaded version; another exact version is an error naming both; the session goes on.
            Assert.True((await first.ExecuteAsync("#r \"nuget: MathNet.Numerics, 4.15.0\"")).Succeeded);
            var conflict = await first.ExecuteAsync(new CellSubmission("var before = 1;\n#r \"nuget: MathNet.Numerics, [4.15.0]\"") { CellNumber = 4 });
            Assert.Equal(CellErrorKind.NuGetReference, conflict.Error!.Kind);
            Assert.Equal(2, conflict.Error.Line);
            Assert.Contains("Cell 4", conflict.Error.EValue, StringComparison.Ordinal);
            Assert.Contains("'MathNet.Numerics' version [4.15.0]", conflict.Error.EValue, StringComparison.Ordinal);
            Assert.Contains("version 5.0.0 is already loaded", conflict.Error.EValue, StringComparison.Ordinal);
            Assert.True((await first.ExecuteAsync("SpecialFunctions.Factorial(3)")).Succeeded);
        }

        // A new session (as a second `notebooks run`) finds the restore up to date and starts no restore.
        progress.Clear();
        using var second = NewSession(progress);
        var cached = await second.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.SpecialFunctions.Factorial(4)");
        Assert.True(cached.Succeeded, cached.Error?.EValue);
        Assert.Equal(24.0, cached.ReturnValue);
        Assert.Equal(0, second.Packages.RestoresRun);
        Assert.Contains(progress, p => p.Stage == PackageProgressStage.UpToDate);
        Assert.DoesNotContain(progress, p => p.Stage == PackageProgressStage.Restoring);
        Assert.Contains("from the local cache", string.Concat(cached.Outputs.Where(o => o.OutputType == "stream").Select(o => o.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_the_kernel_process_carries_in_another_version_compiles_and_runs_against_the_process_copy_and_says_so()
    {
        // The test process (like the barometer tool) carries NuGet.Versioning 8.0.0; a cell binds to that copy at run
        // time, so it must compile against it too (the idiom corpus's CsvHelper 33.1.0 cell, while the tool carried CsvHelper, compiled against 33.1.0 and
        // failed with MissingMethodException on the tool's 34.0.0).
        using var session = NewSession();
        var result = await session.ExecuteAsync("#r \"nuget: NuGet.Versioning, [6.7.0]\"\ntypeof(NuGet.Versioning.NuGetVersion).Assembly.GetName().Version!.Major * 100 + NuGet.Versioning.NuGetVersion.Parse(\"1.2.3\").Minor");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(802, result.ReturnValue);
        var stderr = string.Concat(result.Outputs.Where(o => o.OutputType == "stream" && o.StreamName == "stderr").Select(o => o.Text));
        Assert.Matches(@"package NuGet\.Versioning 6\.7\.0 brings NuGet\.Versioning 6\.7\.[0-9.]+, but this kernel's own process carries NuGet\.Versioning 8\.0\.0\.0 \(", stderr);
    }

    [Fact]
    public async Task A_package_brings_its_dependencies_and_a_dependency_keeps_its_version()
    {
        using var session = NewSession();
        var reference = await session.ExecuteAsync("#r \"nuget: MathNet.Numerics.Providers.OpenBLAS, 5.0.0\"\nMathNet.Numerics.SpecialFunctions.Factorial(2)");

        Assert.True(reference.Succeeded, reference.Error?.EValue);
        Assert.Equal(2.0, reference.ReturnValue);
        Assert.Contains("Installed MathNet.Numerics.Providers.OpenBLAS 5.0.0 (+1 dependency).", string.Concat(reference.Outputs.Where(o => o.OutputType == "stream").Select(o => o.Text)), StringComparison.Ordinal);
        var dependency = Assert.Single(session.Packages.Loaded, p => p.Id == "MathNet.Numerics");
        Assert.Null(dependency.RequestedAs);

        var conflict = await session.ExecuteAsync("#r \"nuget: MathNet.Numerics, [4.15.0]\"");
        Assert.Contains("version 5.0.0 is already loaded in this session (as a dependency of another package)", conflict.Error!.EValue, StringComparison.Ordinal);
        Assert.True((await session.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"")).Succeeded);
        Assert.Equal(1, session.Packages.RestoresRun);
    }

    [Fact]
    public async Task An_unknown_package_names_cell_line_and_package_with_the_restore_message_and_the_session_goes_on()
    {
        using var session = NewSession();
        var result = await session.ExecuteAsync(new CellSubmission("// packages\n#r \"nuget: Barometer.NoSuchPackage.Xyzzy, 1.0.0\"\nvar x = 1;") { CellNumber = 3 });

        Assert.Equal(CellErrorKind.NuGetReference, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
        Assert.StartsWith("Cell 3 (execution count 1), line 2: NuGet package 'Barometer.NoSuchPackage.Xyzzy' version 1.0.0: restore failed: NU1101", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains("Unable to find package Barometer.NoSuchPackage.Xyzzy", result.Error.EValue, StringComparison.Ordinal);
        Assert.True((await session.ExecuteAsync("1 + 1")).Succeeded);
        Assert.Empty(session.Packages.Loaded);
    }

    [Fact]
    public async Task A_version_that_does_not_exist_names_the_package_and_the_session_goes_on()
    {
        using var session = NewSession();
        var result = await session.ExecuteAsync(new CellSubmission("#r \"nuget: MathNet.Numerics, 99.0.0\"") { CellNumber = 5 });

        Assert.Equal(CellErrorKind.NuGetReference, result.Error!.Kind);
        Assert.Equal(1, result.Error.Line);
        Assert.Contains("Cell 5", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains("'MathNet.Numerics' version 99.0.0: restore failed: NU1102", result.Error.EValue, StringComparison.Ordinal);
        Assert.True((await session.ExecuteAsync("2 + 2")).Succeeded);
    }

    [Fact]
    public async Task An_unreachable_feed_names_the_package_with_the_restore_message_and_the_session_goes_on()
    {
        using var session = NewSession();
        var result = await session.ExecuteAsync(new CellSubmission("#i \"nuget: https://127.0.0.1:9/v3/index.json\"\n#r \"nuget: Barometer.Unreachable.Probe, 1.0.0\"") { CellNumber = 7 });

        Assert.Equal(CellErrorKind.NuGetReference, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
        Assert.Contains("Cell 7", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains("'Barometer.Unreachable.Probe' version 1.0.0: restore failed:", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains(result.Error.Traceback, line => line.Contains("NU1801", StringComparison.Ordinal) && line.Contains("127.0.0.1:9", StringComparison.Ordinal));
        Assert.True((await session.ExecuteAsync("5")).Succeeded);
    }

    [Fact]
    public async Task An_unreachable_added_source_is_skipped_with_a_warning_naming_it_and_is_not_kept()
    {
        using var session = NewSession();
        using var folder = new Support.TempDirectory();
        Directory.CreateDirectory(folder.File("feed"));

        // A floating version makes NuGet ask every source (a minimum already in the global packages folder would be taken
        // from there without contacting any).
        var result = await session.ExecuteAsync("#i \"nuget: https://127.0.0.1:9/v3/index.json\"\n#r \"nuget: MathNet.Numerics, 5.*\"\nMathNet.Numerics.SpecialFunctions.Factorial(4)");
        var sourcesAfter = session.Packages.Sources.ToList();
        var later = await session.ExecuteAsync($"#i \"nuget: {folder.File("feed")}\"\n#r \"nuget: Humanizer.Core, 2.14.1\"\n\"x\"");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(24.0, result.ReturnValue);
        Assert.Contains(result.Outputs, o => o.Text is { } text && text.Contains("warning NU1801", StringComparison.Ordinal) && text.Contains("https://127.0.0.1:9/v3/index.json", StringComparison.Ordinal));
        Assert.Empty(sourcesAfter);
        Assert.True(later.Succeeded, later.Error?.EValue);
        Assert.Equal(new[] { folder.File("feed") }, session.Packages.Sources);
    }

    public void Dispose() => _cache.Dispose();

    private sealed class ListProgress(List<PackageProgress> list) : IProgress<PackageProgress>
    {
        public void Report(PackageProgress value)
        {
            lock (list)
            {
                list.Add(value);
            }
        }
    }
}
