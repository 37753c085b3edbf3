using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Browser;

/// <summary>
/// A Chrome DevTools Protocol connection over Chromium's <c>--remote-debugging-pipe</c>: JSON messages, each ended by
/// a NUL byte, written to the browser's fd 3 and read from its fd 4 (here: two streams). Commands carry ids and their
/// answers are matched by id; events (optionally per flattened target session) go to subscribers. One receive loop;
/// sends are serialised. Every call is bounded by <see cref="CallTimeout"/>; when the connection ends or the loop
/// fails, every pending call and every later one fails at once.
/// </summary>
internal sealed class CdpConnection : IAsyncDisposable
{
    private readonly Stream _toBrowser;
    private readonly Stream _fromBrowser;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<long, Action<string, JsonElement>> _listeners = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _receiveLoop;
    private volatile string? _closedBecause;
    private long _nextId;
    private long _nextListener;
    private int _disposed;

    /// <param name="toBrowser">The browser's fd 3 (it reads commands there).</param>
    /// <param name="fromBrowser">The browser's fd 4 (it writes answers and events there).</param>
    /// <param name="callTimeout">How long one command may wait for its answer.</param>
    public CdpConnection(Stream toBrowser, Stream fromBrowser, TimeSpan callTimeout)
    {
        (_toBrowser, _fromBrowser, CallTimeout) = (toBrowser, fromBrowser, callTimeout);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The longest a command waits for its answer.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>Why the connection ended, or null while it is open.</summary>
    public string? ClosedBecause => _closedBecause;

    /// <summary>
    /// Sends <paramref name="method"/> and returns its <c>result</c>. Throws <see cref="BrowserPageException"/> on an error
    /// answer or a closed connection, <see cref="BrowserTimeoutException"/> after <paramref name="timeout"/> (default
    /// <see cref="CallTimeout"/>) without an answer.
    /// </summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (_closedBecause is { } why)
        {
            throw new BrowserPageException($"the DevTools connection is closed ({why}); cannot send {method}");
        }

        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = JsonSerializer.SerializeToNode(parameters);
        }

        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var limit = timeout ?? CallTimeout;
        try
        {
            // The loop may have ended between the check above and the registration: fail rather than wait for nothing.
            if (_closedBecause is { } closed)
            {
                answer.TrySetException(new BrowserPageException($"the DevTools connection is closed ({closed})"));
            }

            var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
            // The write is bounded too: a browser that stopped reading its pipe (hung, or out of memory with a huge
            // figure) would otherwise block the write, and every later call behind the lock, for ever.
            var sendClock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                if (!await _sendLock.WaitAsync(limit, ct).ConfigureAwait(false))
                {
                    throw new TimeoutException();
                }
            }
            catch (TimeoutException e)
            {
                throw new BrowserTimeoutException($"the DevTools pipe stayed busy for {Seconds(limit)} s ({method} was not sent)", e);
            }

            try
            {
                await WriteAsync(bytes, ct).WaitAsync(limit - sendClock.Elapsed > TimeSpan.Zero ? limit - sendClock.Elapsed : TimeSpan.Zero, ct).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                // The browser is not reading: nothing more can be sent on this pipe.
                _closedBecause ??= $"the browser stopped reading its DevTools pipe ({method})";
                throw new BrowserTimeoutException($"the browser did not take {method} within {Seconds(limit)} s", e);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                throw new BrowserPageException($"could not send {method}: the browser's pipe is closed ({e.Message})", e);
            }
            finally
            {
                _sendLock.Release();
            }

            try
            {
                return await answer.Task.WaitAsync(limit, ct).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new BrowserTimeoutException(
                    $"the browser did not answer within {Seconds(limit)} s ({method})", e);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken ct)
    {
        await _toBrowser.WriteAsync(bytes, ct).ConfigureAwait(false);
        _toBrowser.WriteByte(0);
        await _toBrowser.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A time limit in seconds, for messages.</summary>
    internal static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Calls <paramref name="listener"/> (method, params, on the receive loop) for every event of <paramref name="sessionId"/>.</summary>
    public IDisposable Subscribe(string? sessionId, Action<string, JsonElement> listener)
    {
        var key = Interlocked.Increment(ref _nextListener);
        _listeners[key] = (session, e) => { if (session == (sessionId ?? "")) { listener(e.GetProperty("method").GetString()!, Params(e)); } };
        return new Unsubscriber(() => _listeners.TryRemove(key, out _));
    }

    private static JsonElement Params(JsonElement e) => e.TryGetProperty("params", out var p) ? p : default;

    private async Task ReceiveLoopAsync()
    {
        var why = "the browser closed the DevTools pipe";
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var read = await _fromBrowser.ReadAsync(buffer, _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != 0)
                    {
                        continue;
                    }

                    message.Write(buffer, start, i - start);
                    Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                    message.SetLength(0);
                    start = i + 1;
                }
                message.Write(buffer, start, read - start);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            why = "the connection was closed";
        }
        catch (Exception e)
        {
            // Whatever broke the loop (a read error, a message that is not JSON, a listener throwing), no call may keep waiting.
            why = $"the DevTools connection failed: {e.Message}";
        }
        finally
        {
            _closedBecause = why;
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new BrowserPageException(why));
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement.Clone();
        if (root.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var id))
        {
            if (!_pending.TryGetValue(id, out var answer))
            {
                return;
            }

            if (root.TryGetProperty("error", out var error))
            {
                answer.TrySetException(new BrowserPageException(
                    $"{(error.TryGetProperty("message", out var m) ? m.GetString() : "error")} ({error.GetRawText()})"));
            }
            else
            {
                answer.TrySetResult(root.TryGetProperty("result", out var r) ? r : default);
            }

            return;
        }
        if (!root.TryGetProperty("method", out _))
        {
            return;
        }

        var session = root.TryGetProperty("sessionId", out var s) ? s.GetString() ?? "" : "";
        foreach (var listener in _listeners.Values)
        {
            listener(session, root);
        }
    }

    /// <summary>
    /// Closes the pipe to the browser (a browser whose command pipe closes exits) and waits up to five seconds for the
    /// receive loop to see the other pipe end; the process's owner kills a browser that does not.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _closedBecause ??= "the connection was closed";
        _closing.Cancel();
        try
        {
            // Bounded: a write stuck in the pipe can hold the stream; the browser's owner kills the process then.
            await _toBrowser.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
        {
        }
        try
        {
            await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        _closing.Dispose();
        _sendLock.Dispose();
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
