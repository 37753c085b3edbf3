using System.Globalization;
using System.Text.Json;

namespace Barometer.Browser;

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
        get
        {
            lock (_errors)
            {
                return _errors.ToArray();
            }
        }
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
        lock (_errors)
        {
            _errors.Clear();
        }

        var load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _load = load;
        var result = await _cdp.SendAsync("Page.navigate", new { url = url.AbsoluteUri }, SessionId, ct: ct).ConfigureAwait(false);
        if (result.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
        {
            throw new BrowserPageException($"could not load {url}: {text}");
        }

        var limit = timeout ?? _cdp.CallTimeout;
        try
        {
            await load.Task.WaitAsync(limit, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new BrowserTimeoutException($"the browser did not load {url} within {CdpConnection.Seconds(limit)} s", e);
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> (awaiting a promise) and returns its JSON value.</summary>
    public Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct = default) => EvaluateAsync(expression, null, ct);

    /// <summary>
    /// Evaluates <paramref name="expression"/> (awaiting a promise) and returns its JSON value, within
    /// <paramref name="timeout"/> (default the connection's call limit).
    /// </summary>
    public async Task<JsonElement> EvaluateAsync(string expression, TimeSpan? timeout, CancellationToken ct = default)
    {
        var answer = await _cdp.SendAsync("Runtime.evaluate",
            new { expression, awaitPromise = true, returnByValue = true }, SessionId, timeout, ct).ConfigureAwait(false);
        if (answer.TryGetProperty("exceptionDetails", out var details))
        {
            throw new BrowserPageException($"JavaScript error: {Describe(details)}");
        }

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
        lock (_errors)
        {
            _errors.Add(text);
        }
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
        catch (Exception e) when (e is BrowserException or OperationCanceledException)
        {
        }
    }
}
