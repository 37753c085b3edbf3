using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Analysis.Charts.Browser;

/// <summary>An error the browser answered a DevTools Protocol command with.</summary>
public sealed class CdpException(string message) : Exception(message);

/// <summary>
/// A Chrome DevTools Protocol connection over a WebSocket: commands with ids, answers matched by id, and events
/// (optionally per flattened target session) delivered to subscribers. One receive loop; sends are serialised.
/// </summary>
internal sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<long, Action<string, JsonElement>> _listeners = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task _receiveLoop = Task.CompletedTask;
    private long _nextId;
    private long _nextListener;

    public static async Task<CdpConnection> ConnectAsync(Uri webSocketUrl, CancellationToken ct)
    {
        var connection = new CdpConnection();
        connection._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection._socket.ConnectAsync(webSocketUrl, ct);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync);
        return connection;
    }

    /// <summary>Sends <paramref name="method"/> and returns its <c>result</c>; throws <see cref="CdpException"/> on an error answer.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null, CancellationToken ct = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method };
        if (parameters is not null) message["params"] = JsonSerializer.SerializeToNode(parameters);
        if (sessionId is not null) message["sessionId"] = sessionId;
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
            await _sendLock.WaitAsync(ct);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
            finally
            {
                _sendLock.Release();
            }
            using var registration = ct.Register(() => answer.TrySetCanceled(ct));
            return await answer.Task;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Calls <paramref name="listener"/> (method, params, on the receive loop) for every event of <paramref name="sessionId"/>.</summary>
    public IDisposable Subscribe(string? sessionId, Action<string, JsonElement> listener)
    {
        var key = Interlocked.Increment(ref _nextListener);
        _listeners[key] = (session, e) => { if (session == (sessionId ?? "")) listener(e.GetProperty("method").GetString()!, Params(e)); };
        return new Unsubscriber(() => _listeners.TryRemove(key, out _));
    }

    private static JsonElement Params(JsonElement e) => e.TryGetProperty("params", out var p) ? p : default;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_closing.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
        foreach (var pending in _pending.Values)
            pending.TrySetException(new CdpException("the browser closed the DevTools connection"));
    }

    private void Dispatch(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement.Clone();
        if (root.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var id))
        {
            if (!_pending.TryGetValue(id, out var answer)) return;
            if (root.TryGetProperty("error", out var error))
                answer.TrySetException(new CdpException(
                    $"{(error.TryGetProperty("message", out var m) ? m.GetString() : "error")} ({error.GetRawText()})"));
            else
                answer.TrySetResult(root.TryGetProperty("result", out var r) ? r : default);
            return;
        }
        if (!root.TryGetProperty("method", out _)) return;
        var session = root.TryGetProperty("sessionId", out var s) ? s.GetString() ?? "" : "";
        foreach (var listener in _listeners.Values) listener(session, root);
    }

    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await _receiveLoop.ConfigureAwait(false);
        _socket.Dispose();
        _sendLock.Dispose();
        _closing.Dispose();
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
