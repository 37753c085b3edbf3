using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Packages;

/// <summary>
/// Issue 19 items 1–3 and issue 18 item 5 through the Jupyter protocol, against the real registry (each test with a
/// package cache of its own): versions as NuGet reads them, packages compiled against as a project compiles against
/// them, cultures, and a failed <c>#i</c> that leaves the session's sources as they were.
/// </summary>
[Trait("Category", "NuGetRegistry")]
public sealed class PackageSemanticsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private Task<KernelClient> StartAsync() => KernelClient.StartAsync(KernelHostProgram.StartInfo(_folder.Path) with
    {
        Environment = new Dictionary<string, string> { ["BAROMETER_KERNEL_PACKAGE_CACHE"] = _folder.File("cache") },
    });

    [Fact]
    public async Task A_plain_version_is_a_minimum_and_the_lowest_served_version_above_it_is_taken_brackets_mean_exactly()
    {
        await using var kernel = await StartAsync();

        // 4.1.5 is not served: NuGet (and .NET Interactive) take the lowest served version above it (6.0.0 when this
        // was written), not the newest (6.1.0).
        var exact = await kernel.ExecuteToEndAsync("#r \"nuget: System.Reactive.Linq, [4.1.5]\"", new ExecuteOptions { StopOnError = false });
        var minimum = await kernel.ExecuteToEndAsync("#r \"nuget: System.Reactive.Linq, 4.1.5\"\ntypeof(System.Reactive.Linq.Observable).Assembly.GetName().Name");
        var satisfied = await kernel.ExecuteToEndAsync("#r \"nuget: System.Reactive.Linq, 5.0.0\"");

        Assert.Equal("error", exact.Status);
        Assert.Contains("NU1102", (string?)exact.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.True(minimum.Status == "ok", (string?)minimum.Reply.Content["evalue"]);
        var installed = System.Text.RegularExpressions.Regex.Match(minimum.Text(), @"Installed System\.Reactive\.Linq (\S+) ");
        Assert.True(installed.Success, minimum.Text());
        var version = NuGet.Versioning.NuGetVersion.Parse(installed.Groups[1].Value);
        Assert.True(version > NuGet.Versioning.NuGetVersion.Parse("4.1.5") && version < NuGet.Versioning.NuGetVersion.Parse("6.1.0"), version.ToString());
        Assert.Equal("ok", satisfied.Status);
        Assert.Equal(string.Empty, satisfied.Text()); // 6.0.x is at least 5.0.0: nothing to do
    }

    [Fact]
    public async Task A_package_compiles_as_in_a_project_against_its_reference_assemblies_and_the_framework_reference_pack()
    {
        // `dotnet build` of a net10.0 console app: System.Linq.Async 7.0.* compiles (its reference assembly hides what
        // .NET 10's System.Linq.AsyncEnumerable now has); 6.0.* fails there with CS0121 on ToAsyncEnumerable, as here.
        await using var kernel = await StartAsync();

        var seven = await kernel.ExecuteToEndAsync("#r \"nuget: System.Linq.Async, 7.0.*\"\nvar xs = new[] { 1, 2, 3 }.ToAsyncEnumerable();\nstring.Join(\",\", await xs.Where(x => x > 1).Select(x => x * 10).ToListAsync())");

        Assert.True(seven.Status == "ok", (string?)seven.Reply.Content["evalue"]);
        Assert.Equal("20,30", SessionReferencesTests.Result(seven));
    }

    [Fact]
    public async Task System_Linq_Async_6_fails_on_NET_10_as_it_does_in_a_project()
    {
        await using var kernel = await StartAsync();

        var six = await kernel.ExecuteToEndAsync("#r \"nuget: System.Linq.Async, 6.0.*\"\nvar xs = new[] { 1, 2, 3 }.ToAsyncEnumerable();", new ExecuteOptions { StopOnError = false });

        Assert.Equal("error", six.Status);
        Assert.Contains("CS0121", (string?)six.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.Contains("system.linq.async/6.0.3/ref/", (string?)six.Reply.Content["evalue"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Humanizer_works_with_the_culture_data_of_ICU()
    {
        await using var kernel = await StartAsync();

        var words = await kernel.ExecuteToEndAsync("#r \"nuget: Humanizer.Core, 2.14.1\"\nusing Humanizer;\n5.ToWords() + \" \" + \"some_title\".Humanize(LetterCasing.Title)");

        Assert.True(words.Status == "ok", (string?)words.Reply.Content["evalue"]);
        Assert.Equal("five Some Title", SessionReferencesTests.Result(words));
    }

    [Fact]
    public async Task A_failed_source_leaves_the_session_sources_as_they_were_and_later_restores_work()
    {
        await using var kernel = await StartAsync();
        var feed = Directory.CreateDirectory(_folder.File("feed")).FullName;

        var missingFolder = await kernel.ExecuteToEndAsync("#i \"nuget: ./no-such-feed\"", new ExecuteOptions { StopOnError = false });
        var unreachable = await kernel.ExecuteToEndAsync("#i \"nuget: https://127.0.0.1:9/v3/index.json\"\n#r \"nuget: Barometer.Unreachable.Probe, 1.0.0\"", new ExecuteOptions { StopOnError = false });
        var valid = await kernel.ExecuteToEndAsync("#i \"nuget: ./feed\"\n#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.SpecialFunctions.Factorial(4)");

        Assert.Equal("error", missingFolder.Status);
        Assert.Contains("does not exist", (string?)missingFolder.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.Equal("error", unreachable.Status);
        Assert.Contains("NU1801", string.Join("\n", unreachable.Reply.Content["traceback"]!.AsArray().Select(t => (string?)t)), StringComparison.Ordinal);
        Assert.True(valid.Status == "ok", (string?)valid.Reply.Content["evalue"]);
        Assert.Equal("24", SessionReferencesTests.Result(valid));
        Assert.True(Directory.Exists(feed));
    }

    public void Dispose() => _folder.Dispose();
}
