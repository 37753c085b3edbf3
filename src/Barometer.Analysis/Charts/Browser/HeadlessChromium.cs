using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Barometer.Analysis.Charts.Browser;

/// <summary>
/// One headless Chromium process driven over the DevTools Protocol through <c>--remote-debugging-pipe</c> (no TCP
/// port: nothing else can connect), with a fresh profile in a temporary folder. The browser ends with us: it reads its
/// commands from a pipe only this process holds, and Chromium exits when that pipe closes — on dispose, on an
/// exception, on Ctrl+C, and when this process is killed outright. The profile is deleted on dispose; a profile left by
/// a process that was killed is deleted by the next start (its folder name carries the owner's process id).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The default limit of one DevTools call (loading plotly.js, rendering one image).</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Set to 1 to pass <c>--no-sandbox</c> when not running as root (e.g. a container without user namespaces).</summary>
    public const string NoSandboxVariable = "BAROMETER_CHROMIUM_NO_SANDBOX";

    private const string ProfilePrefix = "barometer-chromium-";

    private readonly Process _process;
    private readonly CdpConnection _cdp;
    private readonly StringBuilder _stderrTail;

    private HeadlessChromium(Process process, CdpConnection cdp, string profileDirectory, string product, StringBuilder stderrTail)
    {
        (_process, _cdp, ProfileDirectory, Product, _stderrTail) = (process, cdp, profileDirectory, product, stderrTail);
    }

    /// <summary>The temporary profile folder (also a scratch folder for host pages).</summary>
    public string ProfileDirectory { get; }

    /// <summary>The browser's product string, e.g. <c>HeadlessChrome/156.0.8078.79</c>.</summary>
    public string Product { get; }

    /// <summary>The browser's process id (while it runs).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The longest one DevTools call may wait for its answer.</summary>
    public TimeSpan CallTimeout => _cdp.CallTimeout;

    /// <summary>The command-line switches every run uses (besides the profile, the pipe and the sandbox).</summary>
    public static readonly IReadOnlyList<string> Switches =
    [
        "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
        "--hide-scrollbars", "--mute-audio", "--allow-file-access-from-files",
    ];

    /// <summary>
    /// Chromium's sandbox cannot run as root; only then (or with <see cref="NoSandboxVariable"/>=1) is it turned off.
    /// <see cref="Environment.UserName"/> is the name of the effective user (getpwuid(geteuid())) on Unix.
    /// </summary>
    public static bool NeedsNoSandbox =>
        (!OperatingSystem.IsWindows() && Environment.UserName == "root") || Environment.GetEnvironmentVariable(NoSandboxVariable) == "1";

    /// <summary>
    /// Starts <paramref name="executable"/> (default: <see cref="ChromiumLocator.Find"/>) and connects to it;
    /// <paramref name="callTimeout"/> bounds every DevTools call (default <see cref="DefaultCallTimeout"/>).
    /// </summary>
    public static async Task<HeadlessChromium> StartAsync(string? executable = null, TimeSpan? startTimeout = null,
        TimeSpan? callTimeout = null, CancellationToken ct = default)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("rendering images drives Chromium over fds 3 and 4, which needs Linux or macOS");
        executable ??= ChromiumLocator.Find() ?? throw new FileNotFoundException($"no Chromium found: {ChromiumLocator.InstallHint}");
        RemoveAbandonedProfiles();
        var profile = Directory.CreateTempSubdirectory($"{ProfilePrefix}{Environment.ProcessId}-").FullName;
        // The DevTools pipe is the browser's fds 3 (commands in) and 4 (answers out). .NET passes only 0-2 to a child,
        // so a shell moves our stdin/stdout pipes there and then becomes Chromium (exec): no process in between.
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null");
        info.ArgumentList.Add(executable);
        foreach (var s in Switches) info.ArgumentList.Add(s);
        if (NeedsNoSandbox) info.ArgumentList.Add("--no-sandbox");
        info.ArgumentList.Add($"--user-data-dir={profile}");
        info.ArgumentList.Add("--remote-debugging-pipe");
        info.ArgumentList.Add("about:blank");

        var stderr = new StringBuilder();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr)
            {
                if (stderr.Length < 16_000) stderr.AppendLine(e.Data);
            }
        };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            TryDelete(profile);
            throw new IOException($"could not start Chromium '{executable}': {e.Message}", e);
        }
        process.BeginErrorReadLine();

        var cdp = new CdpConnection(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, callTimeout ?? DefaultCallTimeout);
        try
        {
            var version = await cdp.SendAsync("Browser.getVersion", ct: ct, timeout: startTimeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            return new HeadlessChromium(process, cdp, profile, version.GetProperty("product").GetString() ?? "Chromium", stderr);
        }
        catch (Exception e)
        {
            await cdp.DisposeAsync().ConfigureAwait(false);
            Kill(process);
            process.Dispose();
            TryDelete(profile);
            string tail;
            lock (stderr) tail = stderr.ToString();
            if (e is OperationCanceledException && ct.IsCancellationRequested) throw;
            throw new IOException($"Chromium '{executable}' did not answer on its DevTools pipe: {e.Message}\n{tail}".TrimEnd(), e);
        }
    }

    /// <summary>Opens a new blank page (tab) with the Page, Runtime and Log domains enabled.</summary>
    public async Task<BrowserPage> OpenPageAsync(int width = 1280, int height = 800, CancellationToken ct = default)
    {
        var target = await _cdp.SendAsync("Target.createTarget", new { url = "about:blank" }, ct: ct).ConfigureAwait(false);
        var targetId = target.GetProperty("targetId").GetString()!;
        var attached = await _cdp.SendAsync("Target.attachToTarget", new { targetId, flatten = true }, ct: ct).ConfigureAwait(false);
        var page = new BrowserPage(_cdp, targetId, attached.GetProperty("sessionId").GetString()!);
        await page.EnableAsync(width, height, ct).ConfigureAwait(false);
        return page;
    }

    /// <summary>The last lines Chromium wrote to its standard error (for diagnostics).</summary>
    public string StandardErrorTail
    {
        get { lock (_stderrTail) return _stderrTail.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cdp.SendAsync("Browser.close", timeout: TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CdpException or TimeoutException or OperationCanceledException or IOException)
        {
        }
        await _cdp.DisposeAsync().ConfigureAwait(false);
        try
        {
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(exit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(_process);
        }
        _process.Dispose();
        TryDelete(ProfileDirectory);
    }

    /// <summary>
    /// Deletes the profiles of processes that no longer run (killed before they could delete their own): folders
    /// <c>barometer-chromium-PID-*</c> in the temporary folder whose PID is not a running process.
    /// </summary>
    public static int RemoveAbandonedProfiles()
    {
        var removed = 0;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), ProfilePrefix + "*"))
            {
                var rest = Path.GetFileName(dir)[ProfilePrefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                if (pid == Environment.ProcessId || IsRunning(pid)) continue;
                if (TryDelete(dir)) removed++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static bool TryDelete(string directory)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
        return false;
    }
}

/// <summary>What a page did: whether it drew a chart, and every JavaScript error it reported.</summary>
public sealed record PageReport(string Url, bool Rendered, string Title, IReadOnlyList<string> Errors);

/// <summary>One tab of a <see cref="HeadlessChromium"/>: navigate, evaluate JavaScript, collect errors.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly CdpConnection _cdp;
    private readonly string _targetId;
    private readonly IDisposable _subscription;
    private readonly List<string> _errors = [];
    private TaskCompletionSource? _load;

    internal BrowserPage(CdpConnection cdp, string targetId, string sessionId)
    {
        (_cdp, _targetId, SessionId) = (cdp, targetId, sessionId);
        _subscription = cdp.Subscribe(sessionId, OnEvent);
    }

    internal string SessionId { get; }

    /// <summary>Uncaught exceptions, <c>console.error</c> calls and error log entries (e.g. a script that failed to load) since the last navigation.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) return _errors.ToArray(); }
    }

    internal async Task EnableAsync(int width, int height, CancellationToken ct)
    {
        await _cdp.SendAsync("Page.enable", sessionId: SessionId, ct: ct).ConfigureAwait(false);
        await _cdp.SendAsync("Runtime.enable", sessionId: SessionId, ct: ct).ConfigureAwait(false);
        await _cdp.SendAsync("Log.enable", sessionId: SessionId, ct: ct).ConfigureAwait(false);
        await _cdp.SendAsync("Emulation.setDeviceMetricsOverride",
            new { width, height, deviceScaleFactor = 1, mobile = false }, SessionId, ct: ct).ConfigureAwait(false);
    }

    /// <summary>Loads <paramref name="url"/> and waits for its load event (at most <paramref name="timeout"/>, default the connection's call limit).</summary>
    public async Task NavigateAsync(Uri url, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        lock (_errors) _errors.Clear();
        var load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _load = load;
        var result = await _cdp.SendAsync("Page.navigate", new { url = url.AbsoluteUri }, SessionId, ct: ct).ConfigureAwait(false);
        if (result.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
            throw new IOException($"could not load {url}: {text}");
        var limit = timeout ?? _cdp.CallTimeout;
        try
        {
            await load.Task.WaitAsync(limit, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new BrowserTimeoutException(
                $"the browser did not answer within {limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (loading {url})");
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct = default)
    {
        var answer = await _cdp.SendAsync("Runtime.evaluate",
            new { expression, awaitPromise = true, returnByValue = true }, SessionId, ct: ct).ConfigureAwait(false);
        if (answer.TryGetProperty("exceptionDetails", out var details))
            throw new CdpException($"JavaScript error: {Describe(details)}");
        var result = answer.GetProperty("result");
        return result.TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>
    /// Loads a page that draws a plotly figure and reports whether the chart was drawn (a <c>.main-svg</c> inside a
    /// <c>.plot-container</c> appeared within <paramref name="renderTimeout"/>) and what errors the page logged.
    /// </summary>
    public async Task<PageReport> CheckFigurePageAsync(Uri url, TimeSpan? renderTimeout = null, CancellationToken ct = default)
    {
        await NavigateAsync(url, ct: ct).ConfigureAwait(false);
        var ms = (int)(renderTimeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        var state = await EvaluateAsync(
            "new Promise(function (resolve) { var start = Date.now(); (function poll() {" +
            " var drawn = !!document.querySelector('.plot-container .main-svg');" +
            " if (drawn || Date.now() - start > " + ms + ") resolve({ drawn: drawn, title: document.title });" +
            " else setTimeout(poll, 50); })(); })", ct).ConfigureAwait(false);
        // Errors logged while drawing arrive as events just after; let them land.
        await Task.Delay(100, ct).ConfigureAwait(false);
        return new PageReport(url.AbsoluteUri, state.GetProperty("drawn").GetBoolean(), state.GetProperty("title").GetString() ?? "", Errors);
    }

    private void OnEvent(string method, JsonElement e)
    {
        switch (method)
        {
            case "Page.loadEventFired":
                _load?.TrySetResult();
                break;
            case "Runtime.exceptionThrown":
                AddError("uncaught " + Describe(e.GetProperty("exceptionDetails")));
                break;
            case "Runtime.consoleAPICalled" when e.GetProperty("type").GetString() is "error" or "assert":
                AddError("console.error: " + string.Join(" ", e.GetProperty("args").EnumerateArray().Select(a =>
                    a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var d) ? d.GetString() : a.GetRawText())));
                break;
            case "Log.entryAdded" when e.GetProperty("entry").GetProperty("level").GetString() == "error":
                var entry = e.GetProperty("entry");
                AddError($"{entry.GetProperty("source").GetString()}: {entry.GetProperty("text").GetString()}" +
                         (entry.TryGetProperty("url", out var u) ? $" ({u.GetString()})" : ""));
                break;
        }
    }

    private void AddError(string text)
    {
        lock (_errors) _errors.Add(text);
    }

    private static string Describe(JsonElement details) =>
        details.TryGetProperty("exception", out var ex) && ex.TryGetProperty("description", out var d)
            ? d.GetString() ?? details.GetProperty("text").GetString() ?? "error"
            : details.TryGetProperty("text", out var t) ? t.GetString() ?? "error" : details.GetRawText();

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _cdp.SendAsync("Target.closeTarget", new { targetId = _targetId }, ct: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CdpException or TimeoutException or OperationCanceledException)
        {
        }
    }
}
