using System.Diagnostics;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Charts.Export;
using Barometer.Browser;
using Barometer.IO;

namespace Barometer.Analysis.Tests.Charts;

/// <summary>
/// The DevTools connection: a pipe rather than a TCP port, every call bounded in time, pending calls failed when the
/// connection ends, the profile removed (issue 12, items 2 and 3). The faults come from a fake browser: a small Python
/// program that speaks the pipe protocol (NUL-delimited JSON on fds 3 and 4) and misbehaves on cue.
/// </summary>
public sealed class BrowserConnectionTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("barometer-fake-browser-").FullName;

    /// <summary>
    /// Answers every command plausibly (targets, sessions, a load event after navigating, a first page that has loaded the
    /// pinned plotly.js version), except
    /// the one whose method or expression contains <paramref name="trigger"/>: then it does <paramref name="fault"/>:
    /// <c>hang</c> (never answer), <c>exit</c> (close the pipe) or <c>garbage</c> (send a message that is not JSON).
    /// </summary>
    private string FakeBrowser(string trigger, string fault)
    {
        var path = Path.Combine(_scratch, "fake-chromium");
        File.WriteAllText(path, $$$"""
            #!/usr/bin/python3
            import json, os, sys, time
            inp, out = os.fdopen(3, 'rb', buffering=0), os.fdopen(4, 'wb', buffering=0)
            def send(m): out.write(json.dumps(m).encode() + b'\0')
            buf = b''
            while True:
                chunk = inp.read(65536)
                if not chunk: sys.exit(0)
                buf += chunk
                while b'\0' in buf:
                    raw, buf = buf.split(b'\0', 1)
                    m = json.loads(raw)
                    method, p = m['method'], m.get('params', {})
                    if '{{{trigger}}}' in method or '{{{trigger}}}' in p.get('expression', ''):
                        if '{{{fault}}}' == 'hang': continue
                        if '{{{fault}}}' == 'exit': sys.exit(0)
                        if '{{{fault}}}' == 'garbage': out.write(b'this is not JSON\0'); continue
                    r = {}
                    if method == 'Browser.getVersion': r = {'product': 'FakeChrome/1.0'}
                    elif method == 'Target.createTarget': r = {'targetId': 'T1'}
                    elif method == 'Target.getTargets': r = {'targetInfos': [{'targetId': 'T1', 'type': 'page', 'url': 'file:///host.html' }] }
                    elif method == 'Target.attachToTarget': r = {'sessionId': 'S1'}
                    elif method == 'Runtime.evaluate' and 'readyState' in p['expression']: r = {'result': {'type': 'object', 'value': {'version': '{{{PlotlyJs.Version}}}', 'failed': False } } }
                    elif method == 'Runtime.evaluate': r = {'result': {'type': 'string', 'value': '{{{PlotlyJs.Version}}}'}}
                    send({'id': m['id'], 'result': r, **({'sessionId': m['sessionId']} if 'sessionId' in m else {})})
                    if method == 'Page.navigate': send({'method': 'Page.loadEventFired', 'params': {}, 'sessionId': m['sessionId']})
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    [Fact]
    public async Task A_call_the_browser_never_answers_fails_after_the_time_limit()
    {
        await using var browser = await HeadlessChromium.StartAsync(new BrowserOptions { Executable = FakeBrowser("Target.createTarget", "hang"), CallTimeout = TimeSpan.FromSeconds(1) });
        Assert.Equal("FakeChrome/1.0", browser.Product);
        var e = await Assert.ThrowsAsync<BrowserTimeoutException>(() => browser.OpenPageAsync());
        Assert.Equal("the browser did not answer within 1 s (Target.createTarget)", e.Message);
    }

    [Fact]
    public async Task A_browser_that_exits_fails_the_pending_call_at_once_and_every_later_one()
    {
        await using var browser = await HeadlessChromium.StartAsync(new BrowserOptions { Executable = FakeBrowser("Target.createTarget", "exit"), CallTimeout = TimeSpan.FromMinutes(10) });
        // A pending call that waited for its 10-minute limit would throw BrowserTimeoutException, not BrowserPageException
        // (Assert.ThrowsAsync checks the exact type): the type says it failed because the pipe closed, not on a clock.
        var e = await Assert.ThrowsAsync<BrowserPageException>(() => browser.OpenPageAsync());
        Assert.Contains("closed the DevTools pipe", e.Message);
        var later = await Assert.ThrowsAsync<BrowserPageException>(() => browser.OpenPageAsync());
        Assert.Contains("closed", later.Message);
    }

    [Fact]
    public async Task A_message_that_breaks_the_receive_loop_fails_the_pending_call()
    {
        await using var browser = await HeadlessChromium.StartAsync(new BrowserOptions { Executable = FakeBrowser("Target.createTarget", "garbage"), CallTimeout = TimeSpan.FromMinutes(10) });
        var e = await Assert.ThrowsAsync<BrowserPageException>(() => browser.OpenPageAsync());
        Assert.StartsWith("the DevTools connection failed:", e.Message);
    }

    [Fact]
    public async Task A_figure_the_browser_does_not_render_in_time_is_named_in_the_error()
    {
        var figure = ChartTestData.Figures[0];
        var e = await Assert.ThrowsAsync<FigureRenderException>(() => FigureExporter.ExportAsync([figure], Path.Combine(_scratch, "out"),
            new ExportOptions { RequireImages = true, ChromiumPath = FakeBrowser("toImage", "hang"), BrowserTimeout = TimeSpan.FromSeconds(2) }));
        Assert.Equal(figure.Name, e.Figure);
        Assert.IsType<BrowserTimeoutException>(e.InnerException);
        Assert.Contains($"figure '{figure.Name}': the browser did not answer within 2 s (Runtime.evaluate)", e.Message);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_scratch, "out"), "*.tmp"));
    }

    [Fact]
    public async Task The_profile_is_removed_when_the_browser_is_disposed()
    {
        var browser = await HeadlessChromium.StartAsync(new BrowserOptions { Executable = FakeBrowser("never", "hang") });
        var profile = browser.ProfileDirectory;
        Assert.Contains($"barometer-chromium-{Environment.ProcessId}-", profile);
        Assert.True(Directory.Exists(profile));
        await browser.DisposeAsync();
        Assert.False(Directory.Exists(profile));
    }

    [Fact]
    public void Profiles_of_processes_that_no_longer_run_are_removed_and_live_ones_kept()
    {
        var dead = DeadProcessId();
        var abandoned = Directory.CreateTempSubdirectory($"barometer-chromium-{dead}-").FullName;
        var ours = Directory.CreateTempSubdirectory($"barometer-chromium-{Environment.ProcessId}-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(abandoned, "Local State"), "{}");
            HeadlessChromium.RemoveAbandonedProfiles();
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(ours));
        }
        finally
        {
            if (Directory.Exists(abandoned))
            {
                Directory.Delete(abandoned, true);
            }

            Directory.Delete(ours, true);
        }
    }

    /// <summary>The id of a process that has exited (started and waited for here).</summary>
    private static int DeadProcessId()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [SkippableFact]
    public async Task Chromium_is_driven_over_a_pipe_and_sandboxed_unless_root()
    {
        await using var browser = await HeadlessChromium.StartAsync(new BrowserOptions { Executable = BrowserRequirement.Chromium() });
        var arguments = File.ReadAllText($"/proc/{browser.ProcessId}/cmdline").Split('\0');
        Assert.Contains("--remote-debugging-pipe", arguments);
        Assert.DoesNotContain(arguments, a => a.StartsWith("--remote-debugging-port", StringComparison.Ordinal));
        Assert.Equal(Environment.UserName == "root", arguments.Contains("--no-sandbox"));
        await using var page = await browser.OpenPageAsync();
        Assert.Equal(2, (await page.EvaluateAsync("1 + 1")).GetInt32());
    }

    [Fact]
    public void Stale_temporary_files_of_our_naming_are_removed_and_others_kept()
    {
        var stale = Path.Combine(_scratch, $".relations-indices.html.{Guid.NewGuid():N}.tmp");
        var other = Path.Combine(_scratch, ".notes.tmp");
        var mine = Path.Combine(_scratch, "relations-indices.html");
        foreach (var f in new[] { stale, other, mine })
        {
            File.WriteAllText(f, "x");
        }

        Assert.Equal(1, AtomicFile.RemoveStaleTemporaryFiles(_scratch));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(other) && File.Exists(mine));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
