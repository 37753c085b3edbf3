using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Barometer.Browser;

/// <summary>
/// One headless Chromium process driven over the DevTools Protocol through <c>--remote-debugging-pipe</c> (no TCP
/// port: nothing else can connect), with a fresh profile in a folder of its own. The browser ends with us: it reads its
/// commands from a pipe only this process holds, and Chromium exits when that pipe closes — on dispose, on an
/// exception, on Ctrl+C, and when this process is killed outright. The profile (in <see cref="ProfileRoot"/>) is deleted
/// on dispose; a profile left by a process that was killed is deleted by the next start (its folder name carries the
/// owner's process id).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The default limit of one DevTools call (loading plotly.js, rendering one image).</summary>
    public static readonly TimeSpan DefaultCallTimeout = BrowserOptions.DefaultCallTimeout;

    private const string ProfilePrefix = "barometer-chromium-";

    private readonly Process _process;
    private readonly CdpConnection _cdp;
    private readonly StringBuilder _stderrTail;
    private int _disposed;

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

    /// <summary>True once the browser exited or its DevTools connection ended (a crashed browser is not reused).</summary>
    public bool HasExited => _cdp.ClosedBecause is not null || _process.HasExited;

    /// <summary>The longest one DevTools call may wait for its answer.</summary>
    public TimeSpan CallTimeout => _cdp.CallTimeout;

    /// <summary>
    /// The command-line switches every run uses (besides the profile, the pipe and the sandbox). Besides the usual
    /// headless ones, three cut the start-up work of a browser that only ever shows one page: no omnibox pop-up page
    /// preloaded (Chromium 14x's headless mode starts a WebUI renderer for it), no spare renderer kept ready, and the
    /// GPU process's (software) work done in the browser process instead of a process of its own.
    /// </summary>
    public static readonly IReadOnlyList<string> Switches =
    [
        "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
        "--hide-scrollbars", "--mute-audio", "--allow-file-access-from-files",
        "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,SpareRendererForSitePerProcess",
        "--in-process-gpu",
    ];

    /// <summary>
    /// Starts the browser <paramref name="options"/> name (default <see cref="BrowserOptions.FromEnvironment"/>) and
    /// connects to it. Throws <see cref="BrowserNotFoundException"/>, <see cref="BrowserLaunchException"/> or
    /// <see cref="BrowserTimeoutException"/> (no answer within <see cref="BrowserOptions.StartTimeout"/>).
    /// </summary>
    public static Task<HeadlessChromium> StartAsync(BrowserOptions? options = null, CancellationToken ct = default) =>
        StartAsync(options, firstPage: null, ct);

    /// <summary>
    /// <see cref="StartAsync(BrowserOptions?, CancellationToken)"/> whose first tab opens the page
    /// <paramref name="firstPage"/> returns (given the new profile folder, before the process starts, so that it can
    /// write the page there): the page loads while the browser starts up, rather than after. Null: <c>about:blank</c>.
    /// The page is reached with <see cref="AttachFirstPageAsync"/>.
    /// </summary>
    internal static async Task<HeadlessChromium> StartAsync(BrowserOptions? options, Func<string, CancellationToken, Task<Uri>>? firstPage, CancellationToken ct)
    {
        options ??= BrowserOptions.FromEnvironment();
        if (OperatingSystem.IsWindows())
        {
            throw new BrowserLaunchException("driving Chromium over its DevTools pipe (fds 3 and 4) needs Linux or macOS");
        }

        var executable = options.ResolveExecutable();
        RemoveAbandonedProfiles();
        var profile = CreateProfileDirectory();
        Uri first;
        try
        {
            first = firstPage is null ? new Uri("about:blank") : await firstPage(profile, ct).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(profile);
            throw;
        }

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
        foreach (var s in Switches)
        {
            info.ArgumentList.Add(s);
        }

        if (options.SandboxOff)
        {
            info.ArgumentList.Add("--no-sandbox");
        }

        info.ArgumentList.Add($"--user-data-dir={profile}");
        info.ArgumentList.Add("--remote-debugging-pipe");
        info.ArgumentList.Add(first.AbsoluteUri);

        var stderr = new StringBuilder();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                if (stderr.Length < 16_000)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            TryDelete(profile);
            throw new BrowserLaunchException($"could not start Chromium '{executable}': {e.Message}", e);
        }
        process.BeginErrorReadLine();

        var cdp = new CdpConnection(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, options.CallTimeout);
        try
        {
            var version = await cdp.SendAsync("Browser.getVersion", ct: ct, timeout: options.StartTimeout).ConfigureAwait(false);
            return new HeadlessChromium(process, cdp, profile, version.GetProperty("product").GetString() ?? "Chromium", stderr);
        }
        catch (Exception e)
        {
            await cdp.DisposeAsync().ConfigureAwait(false);
            ProcessTree.Kill(process);
            process.Dispose();
            TryDelete(profile);
            string tail;
            lock (stderr)
            {
                tail = stderr.ToString();
            }

            if (e is OperationCanceledException && ct.IsCancellationRequested)
            {
                throw;
            }

            var message = $"Chromium '{executable}' did not answer on its DevTools pipe: {e.Message}\n{tail}".TrimEnd();
            if (e is BrowserTimeoutException)
            {
                throw new BrowserTimeoutException(message, e);
            }

            throw new BrowserLaunchException(message, e);
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

    /// <summary>
    /// The tab the browser opened at start (see <see cref="StartAsync(BrowserOptions?, Func{string, CancellationToken, Task{Uri}}?, CancellationToken)"/>),
    /// with the same domains enabled as <see cref="OpenPageAsync"/>. Its page may still be loading.
    /// </summary>
    internal async Task<BrowserPage> AttachFirstPageAsync(int width = 1280, int height = 800, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var targets = await _cdp.SendAsync("Target.getTargets", ct: ct).ConfigureAwait(false);
            var page = targets.GetProperty("targetInfos").EnumerateArray().FirstOrDefault(t => t.GetProperty("type").GetString() == "page");
            if (page.ValueKind == JsonValueKind.Object)
            {
                var targetId = page.GetProperty("targetId").GetString()!;
                var attached = await _cdp.SendAsync("Target.attachToTarget", new { targetId, flatten = true }, ct: ct).ConfigureAwait(false);
                var browserPage = new BrowserPage(_cdp, targetId, attached.GetProperty("sessionId").GetString()!);
                await browserPage.EnableAsync(width, height, ct).ConfigureAwait(false);
                return browserPage;
            }

            if (clock.Elapsed > CallTimeout)
            {
                throw new BrowserTimeoutException($"the browser opened no page within {CdpConnection.Seconds(CallTimeout)} s");
            }

            await Task.Delay(10, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Closes our end of the DevTools pipe and nothing else: what the OS does when this process is killed (tests).</summary>
    internal void ClosePipeAbruptly() => _process.StandardInput.BaseStream.Dispose();

    /// <summary>The last lines Chromium wrote to its standard error (for diagnostics).</summary>
    public string StandardErrorTail
    {
        get
        {
            lock (_stderrTail)
            {
                return _stderrTail.ToString();
            }
        }
    }

    /// <summary>
    /// Ends the browser and deletes its profile. The profile is thrown away, so nothing a clean exit would save is
    /// wanted: the browser and its helper processes are killed at once (a <c>Browser.close</c> and the wait for the
    /// exit took about 0.45 s on a busy machine, the kill 0.05-0.1 s), then the pipe is closed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ProcessTree.Kill(_process);
        await _cdp.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
        TryDelete(ProfileDirectory);
    }

    /// <summary>
    /// Where profiles are made: <c>/dev/shm</c> where it is a writable directory with 256 MB free (Linux's memory-backed
    /// folder: the browser writes some 180 small files at start, and deleting them from a disk took 0.13-0.38 s on a
    /// busy machine), else the temporary folder.
    /// </summary>
    public static string ProfileRoot { get; } = FindProfileRoot();

    private static string FindProfileRoot()
    {
        const string Shm = "/dev/shm";
        if (OperatingSystem.IsLinux() && Directory.Exists(Shm) && FreeBytes(Shm) >= MinimumShmFree)
        {
            var probe = Path.Combine(Shm, $"{ProfilePrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(probe);
                Directory.Delete(probe);
                return Shm;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not writable here: the temporary folder
            }
        }

        return Path.GetTempPath();
    }

    /// <summary>
    /// The free space <c>/dev/shm</c> must have to hold profiles (a few MB each): a container's default 64 MB is left to
    /// Chromium's own shared memory.
    /// </summary>
    private const long MinimumShmFree = 256L * 1024 * 1024;

    private static long FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    /// <summary>A new profile folder <c>barometer-chromium-PID-*</c> in <see cref="ProfileRoot"/>, readable by its owner only.</summary>
    private static string CreateProfileDirectory()
    {
        var path = Path.Combine(ProfileRoot, $"{ProfilePrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path).FullName;
        }

        return Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
    }

    /// <summary>
    /// Deletes the profiles of processes that no longer run (killed before they could delete their own): folders
    /// <c>barometer-chromium-PID-*</c> in <see cref="ProfileRoot"/> (and the temporary folder, where earlier versions
    /// made them) whose PID is not a running process.
    /// </summary>
    public static int RemoveAbandonedProfiles()
    {
        var removed = 0;
        try
        {
            foreach (var dir in new[] { ProfileRoot, Path.GetTempPath() }.Distinct().SelectMany(root => Directory.EnumerateDirectories(root, ProfilePrefix + "*")))
            {
                var rest = Path.GetFileName(dir)[ProfilePrefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                if (pid == Environment.ProcessId || ProcessTree.IsRunning(pid))
                {
                    continue;
                }

                if (TryDelete(dir))
                {
                    removed++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return removed;
    }

    private static bool TryDelete(string directory)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

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
