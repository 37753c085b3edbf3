using Barometer.Browser;

namespace Barometer.Kernel.Formatting.Known;

/// <summary>
/// PNGs of plotly figures for one kernel session, from ONE headless Chromium (<see cref="HeadlessChromium"/>) that is
/// started in the background as soon as the session references Plotly.NET (<see cref="StartEarly"/>; at the latest at
/// its first chart), loads plotly.js once, renders every later chart of the
/// session (one at a time, each call bounded by the browser's call limit) and ends with the session. A browser that
/// crashed is started again for the next chart. <c>BAROMETER_KERNEL_IMAGES=0</c> turns images off. Every render ends
/// in an image or a reason (no browser, a timeout, a page error), never in an exception in the cell.
/// </summary>
internal sealed class ChartImages : IAsyncDisposable
{
    /// <summary>Set to 0 to make no images.</summary>
    public const string SwitchVariable = "BAROMETER_KERNEL_IMAGES";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly BrowserOptions _options;
    private readonly CancellationTokenSource _ending = new();
    private Task<PlotlyImagePage>? _starting;
    private readonly bool _enabled;
    private bool _disposed;

    /// <summary>A session's images; <paramref name="enabled"/> null: as <see cref="SwitchVariable"/> says (default yes).</summary>
    public ChartImages(BrowserOptions? options = null, bool? enabled = null) =>
        (_options, _enabled) = (options ?? BrowserOptions.FromEnvironment(), enabled ?? Enabled);

    /// <summary>False when <c>BAROMETER_KERNEL_IMAGES=0</c>.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(SwitchVariable) != "0";

    /// <summary>The browser's process id once it runs (for tests and diagnostics).</summary>
    public int? BrowserProcessId => _starting is { IsCompletedSuccessfully: true } s ? s.Result.Browser?.ProcessId : null;

    /// <summary>True once the browser has been asked to start (early, or by a chart).</summary>
    public bool Started => Volatile.Read(ref _starting) is not null;

    /// <summary>
    /// Starts the browser and its plotly.js page in the background, before the session's first chart, so that the
    /// chart's PNG need not wait for the browser's start (0.7-3 s). Does nothing when images are off, when the session
    /// ended (or is ending), or when the browser started already (a chart being drawn holds the gate: then it is starting).
    /// </summary>
    public void StartEarly(Func<string?> plotlyJs)
    {
        if (!_enabled || !_gate.Wait(0))
        {
            return;
        }

        try
        {
            if (!_disposed && !_ending.IsCancellationRequested && _starting is null)
            {
                _starting = Task.Run(() => StartAsync(plotlyJs));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How many browsers this session started (1 unless one crashed).</summary>
    public int BrowsersStarted { get; private set; }

    /// <summary>
    /// A PNG of <paramref name="figureJson"/> at <paramref name="width"/>×<paramref name="height"/>, drawn with
    /// <paramref name="plotlyJs"/> (the plotly.js the figure's library ships): the bytes, or why there are none.
    /// </summary>
    public async Task<ChartImage> RenderAsync(string figureJson, Func<string?> plotlyJs, int width, int height)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return ChartImage.None("the kernel session ended before the image was drawn");
            }

            if (_starting is { IsCompleted: true } started && (!started.IsCompletedSuccessfully || started.Result.Browser is not { HasExited: false }))
            {
                if (started.IsCompletedSuccessfully)
                {
                    await CloseAsync(started.Result).ConfigureAwait(false);
                }

                _starting = null; // start again: a browser that was not found stays not found, a crash gets a new one
            }

            PlotlyImagePage page;
            if (_starting is { } early)
            {
                try
                {
                    page = await early.ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The start began before this chart (early, in the background, or for an earlier chart) and failed
                    // while this chart waited for it: this chart starts its own, once; its failure is this chart's reason.
                    _starting = StartAsync(plotlyJs);
                    page = await _starting.ConfigureAwait(false);
                }
            }
            else
            {
                _starting = StartAsync(plotlyJs);
                page = await _starting.ConfigureAwait(false);
            }

            return ChartImage.Of(await page.RenderPngAsync(figureJson, width, height).ConfigureAwait(false));
        }
        catch (BrowserException e)
        {
            return ChartImage.None(e.Message.Split('\n')[0]);
        }
        catch (IOException e)
        {
            return ChartImage.None("plotly.js could not be written for the browser: " + e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything else (a cancelled start, a process that could not be started…) still ends in a reason the chart
            // shows: a faulted render would leave its display without an update, and the notebook silently without a PNG.
            return ChartImage.None($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The browser, started with plotly.js already written to its profile and its first page loading it, so that
    /// plotly.js loads while the browser starts up.
    /// </summary>
    private async Task<PlotlyImagePage> StartAsync(Func<string?> plotlyJs)
    {
        var script = plotlyJs() ?? throw new BrowserPageException("the chart's library carries no plotly.js");
        BrowsersStarted++;
        return await PlotlyImagePage.StartWithScriptAsync(script, options: _options, ct: _ending.Token).ConfigureAwait(false);
    }

    private static ValueTask CloseAsync(PlotlyImagePage running) => running.DisposeAsync();

    /// <summary>Ends the browser (waiting for a render in progress, bounded by the browser's call limit).</summary>
    public async ValueTask DisposeAsync()
    {
        await _ending.CancelAsync().ConfigureAwait(false); // a browser still starting (early, no chart yet) stops starting
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_starting is { } starting)
            {
                try
                {
                    await CloseAsync(await starting.ConfigureAwait(false)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // it never started (no browser, a cancelled or failed start): nothing to end
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A chart's PNG, or the reason there is none.</summary>
internal sealed record ChartImage(byte[]? Png, string? Reason)
{
    public static ChartImage Of(byte[] png) => new(png, null);

    public static ChartImage None(string reason) => new(null, reason);
}
