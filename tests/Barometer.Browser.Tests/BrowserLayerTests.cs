using System.Diagnostics;

namespace Barometer.Browser.Tests;

/// <summary>
/// The one browser layer: where the browser comes from, when the sandbox is off, the typed errors, and that the
/// browser ends when its DevTools pipe closes (what happens when the process holding it is killed with SIGKILL).
/// </summary>
public sealed class BrowserLayerTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("barometer-browser-tests-").FullName;

    private static string Chromium()
    {
        var path = ChromiumLocator.Find();
        if (path is null && Environment.GetEnvironmentVariable("CI") is not null)
        {
            Assert.Fail($"Chromium not found: {ChromiumLocator.InstallHint}; CI is set, so the browser tests must run.");
        }

        Skip.If(path is null, "no Chromium here");
        return path!;
    }

    [Fact]
    public void A_browser_variable_that_names_nothing_is_an_error_not_a_fallback()
    {
        var e = Assert.Throws<BrowserNotFoundException>(() => ChromiumLocator.Find("no-such-browser-anywhere", _scratch));
        Assert.Contains("BAROMETER_CHROMIUM='no-such-browser-anywhere'", e.Message);
        Assert.IsAssignableFrom<BrowserException>(e);
    }

    [Fact]
    public void The_browser_is_found_by_the_variable_as_a_program_on_path_or_by_its_usual_names()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        var name = OperatingSystem.IsWindows() ? "chromium-browser.exe" : "chromium-browser";
        File.WriteAllText(Path.Combine(bin, name), "");
        Assert.Equal(Path.Combine(bin, name), ChromiumLocator.Find(null, bin)); // the usual names, .exe on Windows
        Assert.Equal(Path.Combine(bin, name), ChromiumLocator.Find("chromium-browser", bin));
        Assert.Null(ChromiumLocator.Find(null, _scratch));
    }

    [Fact]
    public void The_sandbox_is_off_only_when_asked_or_as_root()
    {
        Assert.True(new BrowserOptions { NoSandbox = true }.SandboxOff);
        Assert.False(new BrowserOptions { NoSandbox = false }.SandboxOff);
        Assert.Equal(BrowserOptions.SandboxMustBeOff(), new BrowserOptions().SandboxOff);
        Assert.Equal(Environment.UserName == "root" || Environment.GetEnvironmentVariable(BrowserOptions.NoSandboxVariable) == "1", BrowserOptions.SandboxMustBeOff());
    }

    [Fact]
    public async Task A_missing_executable_fails_as_a_launch_error_and_leaves_no_profile()
    {
        Skip.If(OperatingSystem.IsWindows());
        var before = OurProfiles().Count();
        var e = await Assert.ThrowsAsync<BrowserLaunchException>(() =>
            HeadlessChromium.StartAsync(new BrowserOptions { Executable = Path.Combine(_scratch, "not-there"), StartTimeout = TimeSpan.FromSeconds(20) }));
        Assert.Contains("not-there", e.Message);
        Assert.Equal(before, OurProfiles().Count());
    }

    [SkippableFact]
    public async Task Chromium_ends_when_its_devtools_pipe_closes_as_when_its_owner_is_killed()
    {
        var browser = await HeadlessChromium.StartAsync(new BrowserOptions { Executable = Chromium() });
        var pid = browser.ProcessId;
        // SIGKILL of the owner closes its end of the pipe and nothing else: do exactly that, without Browser.close.
        browser.ClosePipeAbruptly();
        var clock = Stopwatch.StartNew();
        while (IsRunning(pid) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.False(IsRunning(pid), $"Chromium {pid} still runs after its DevTools pipe closed");
        await browser.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_plotly_page_that_cannot_load_its_script_is_a_page_error()
    {
        await using var browser = await HeadlessChromium.StartAsync(new BrowserOptions { Executable = Chromium() });
        var e = await Assert.ThrowsAsync<BrowserPageException>(() => PlotlyImagePage.OpenAsync(browser, new Uri(Path.Combine(_scratch, "missing.js"))));
        Assert.StartsWith("plotly.js did not load from file://", e.Message);
    }

    [SkippableFact]
    public async Task A_browser_started_with_a_plotly_page_that_cannot_load_its_script_is_a_page_error_and_ends()
    {
        var chromium = Chromium();
        var before = OurProfiles().ToHashSet();
        var e = await Assert.ThrowsAsync<BrowserPageException>(() =>
            PlotlyImagePage.StartAsync(new Uri(Path.Combine(_scratch, "missing.js")), options: new BrowserOptions { Executable = chromium }));
        Assert.StartsWith("plotly.js did not load from file://", e.Message);
        Assert.Contains("the script could not be read", e.Message);
        Assert.Subset(before, OurProfiles().ToHashSet()); // the browser's profile went with it
    }

    [SkippableFact]
    public async Task A_browser_started_with_its_plotly_page_renders_and_ends_with_the_page()
    {
        var chromium = Chromium();
        var script = Path.Combine(_scratch, "fake-plotly.js");
        // A stand-in for plotly.js: what the page reads (the version) and calls (toImage), nothing more.
        File.WriteAllText(script, "window.Plotly = { version: '9.9.9', toImage: (figure, o) => Promise.resolve('data:image/png;base64,' + btoa(o.format + ' ' + o.width + 'x' + o.height + ' ' + figure.data.length)) };");
        var versionError = await Assert.ThrowsAsync<BrowserPageException>(() =>
            PlotlyImagePage.StartAsync(new Uri(script), "2.28.0", new BrowserOptions { Executable = chromium }));
        Assert.Equal($"plotly.js from {new Uri(script)} is version 9.9.9, expected 2.28.0", versionError.Message);

        var page = await PlotlyImagePage.StartWithScriptAsync(File.ReadAllText(script), "9.9.9", new BrowserOptions { Executable = chromium });
        var browser = page.Browser!;
        var (pid, profile) = (browser.ProcessId, browser.ProfileDirectory);
        Assert.Equal("9.9.9", page.Version);
        Assert.StartsWith(Path.Combine(HeadlessChromium.ProfileRoot, $"barometer-chromium-{Environment.ProcessId}-"), profile);
        Assert.Equal("png 300x200 1"u8.ToArray(), await page.RenderPngAsync("{\"data\":[{}]}", 300, 200));
        await page.DisposeAsync();
        Assert.True(browser.HasExited);
        Assert.False(IsRunning(pid), $"Chromium {pid} still runs after its page was disposed");
        Assert.False(Directory.Exists(profile));
        await page.DisposeAsync(); // a second dispose (an `await using` after an explicit one) is harmless
        await browser.DisposeAsync();
    }

    private static IEnumerable<string> OurProfiles() =>
        Directory.EnumerateDirectories(HeadlessChromium.ProfileRoot, $"barometer-chromium-{Environment.ProcessId}-*");

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
