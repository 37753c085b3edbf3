using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NetMQ;
using NetMQ.Sockets;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// A client of a Jupyter kernel (any kernel speaking protocol 5.x), like jupyter_client/nbclient:
/// <see cref="StartAsync"/> writes a connection file with free ports and a random key, starts the kernel process
/// from an argv, connects DEALER shell/control/stdin and SUB iopub sockets and waits until the kernel answers
/// <c>kernel_info_request</c> on shell and iopub. <see cref="ExecuteAsync"/> streams the iopub messages of one
/// cell and then its reply. When the process exits while something is outstanding, the pending calls fail with a
/// <see cref="DeadKernelException"/> carrying the exit code and the kernel's last standard-error lines.
/// Thread-safe: requests may be sent from several threads (the kernel handles shell requests in order).
/// </summary>
public sealed partial class KernelClient : IAsyncDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly string _session = Guid.NewGuid().ToString();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JupyterMessage>> _replies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChannelWriter<JupyterMessage>> _iopub = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<string, bool, string>> _inputHandlers = new(StringComparer.Ordinal);
    private readonly ClientSockets _sockets;
    private readonly KernelProcess? _process;
    private volatile DeadKernelException? _dead;
    private bool _disposed;

    private KernelClient(ConnectionInfo connection, KernelProcess? process, KernelStartInfo? startInfo)
    {
        _connection = connection;
        _process = process;
        StartInfo = startInfo;
        _sockets = new ClientSockets(connection, _session, OnReply, OnIopub, OnStdin);
    }

    /// <summary>The connection the client uses.</summary>
    public ConnectionInfo Connection => _connection;

    /// <summary>The connection file this client wrote for its kernel (0600, in the private runtime folder); null for <see cref="Connect"/>.</summary>
    public string? ConnectionFile => _process?.ConnectionFile;

    /// <summary>How the kernel was started (null for <see cref="Connect"/>).</summary>
    public KernelStartInfo? StartInfo { get; }

    /// <summary>The kernel process's id (null for <see cref="Connect"/>).</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The last lines the kernel process wrote to standard error (rejected messages, failures).</summary>
    public string RecentStandardError => _process?.StandardErrorText ?? string.Empty;

    /// <summary>The kernel process's exit code once it has exited (null while it runs, or for <see cref="Connect"/>).</summary>
    public int? ExitCode => _process?.ExitCode;

    /// <summary>True once the kernel process has exited.</summary>
    public bool HasExited => _dead is not null || (_process?.HasExited ?? false);

    /// <summary>Connects to a running kernel (no process is managed, so a dead kernel shows only as timeouts).</summary>
    public static KernelClient Connect(ConnectionInfo connection) => new(connection ?? throw new ArgumentNullException(nameof(connection)), null, null);

    /// <summary>Sends a request on shell or control and returns its reply.</summary>
    public async Task<JupyterMessage> RequestAsync(string messageType, JsonObject content, KernelChannel channel = KernelChannel.Shell, CancellationToken cancellationToken = default)
    {
        var request = JupyterMessage.Create(messageType, content, _session, username: "client");
        var reply = Register(request.MessageId);
        try
        {
            Send(channel, request);
            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _replies.TryRemove(request.MessageId, out _);
        }
    }

    /// <summary>
    /// Sends a message that gets no reply (a front end's <c>comm_open</c>, <c>comm_msg</c>, <c>comm_close</c>) on shell,
    /// with optional binary <paramref name="buffers"/>, and returns the iopub messages the kernel published for it, from
    /// <c>status</c> busy through idle (e.g. the <c>comm_msg</c> a comm handler answered with); what it publishes for
    /// the message after its idle goes to <see cref="LateIopub"/>.
    /// </summary>
    /// <exception cref="DeadKernelException">The kernel process died before it was idle again.</exception>
    public async Task<IReadOnlyList<JupyterMessage>> SendAsync(string messageType, JsonObject content, IReadOnlyList<byte[]>? buffers = null, JsonObject? metadata = null, CancellationToken cancellationToken = default)
    {
        var message = JupyterMessage.Create(messageType, content, _session, username: "client", metadata: metadata, buffers: buffers);
        var published = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
        _iopub[message.MessageId] = published.Writer;
        try
        {
            if (_dead is { } dead)
            {
                throw dead;
            }

            Send(KernelChannel.Shell, message);
            var messages = new List<JupyterMessage>();
            await foreach (var item in published.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(item);
                if (IsIdle(item))
                {
                    StopReadingIopub(message.MessageId, published);
                    break;
                }
            }

            return messages;
        }
        finally
        {
            _iopub.TryRemove(message.MessageId, out _);
        }
    }

    /// <summary>The <c>kernel_info_reply</c>.</summary>
    public Task<JupyterMessage> KernelInfoAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("kernel_info_request", new JsonObject(), KernelChannel.Shell, cancellationToken);

    /// <summary>
    /// Runs <paramref name="code"/>: yields the request's iopub messages as they arrive (<c>status</c> busy, <c>execute_input</c>,
    /// <c>stream</c>, <c>display_data</c>, <c>update_display_data</c>, <c>execute_result</c>, <c>error</c>, up to and including
    /// <c>status</c> idle), then the <c>execute_reply</c> as the last item.
    /// </summary>
    /// <exception cref="DeadKernelException">The kernel process died before the reply.</exception>
    public async IAsyncEnumerable<JupyterMessage> ExecuteAsync(string code, ExecuteOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new ExecuteOptions();
        var request = JupyterMessage.Create(
            "execute_request",
            new JsonObject
            {
                ["code"] = code,
                ["silent"] = options.Silent,
                ["store_history"] = options.StoreHistory,
                ["user_expressions"] = new JsonObject(),
                ["allow_stdin"] = options.Input is not null,
                ["stop_on_error"] = options.StopOnError,
            },
            _session,
            username: "client");
        if (options.Metadata is { } metadata)
        {
            foreach (var (key, value) in metadata)
            {
                request.Metadata[key] = value?.DeepClone();
            }
        }

        var id = request.MessageId;
        var messages = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
        _iopub[id] = messages.Writer;
        var reply = Register(id);
        if (options.Input is { } input)
        {
            _inputHandlers[id] = input;
        }

        try
        {
            if (_dead is { } dead)
            {
                throw dead;
            }

            Send(KernelChannel.Shell, request);
            await foreach (var message in messages.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return message;
                if (IsIdle(message))
                {
                    StopReadingIopub(id, messages);
                    break;
                }
            }

            yield return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _iopub.TryRemove(id, out _);
            _replies.TryRemove(id, out _);
            _inputHandlers.TryRemove(id, out _);
        }
    }

    /// <summary>Runs <paramref name="code"/> and collects its iopub messages and reply.</summary>
    public async Task<ExecutionOutcome> ExecuteToEndAsync(string code, ExecuteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var outputs = new List<JupyterMessage>();
        JupyterMessage? reply = null;
        await foreach (var message in ExecuteAsync(code, options, cancellationToken).ConfigureAwait(false))
        {
            if (message.MessageType == "execute_reply")
            {
                reply = message;
            }
            else
            {
                outputs.Add(message);
            }
        }

        return new ExecutionOutcome(reply!, outputs);
    }

    /// <summary>Interrupts the running cell (<c>interrupt_request</c> on control) and waits for the reply.</summary>
    public Task InterruptAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("interrupt_request", new JsonObject(), KernelChannel.Control, cancellationToken);

    /// <summary>True when the heartbeat socket echoes within <paramref name="timeout"/>.</summary>
    public bool IsHeartbeatAlive(TimeSpan timeout)
    {
        using var heartbeat = new RequestSocket();
        heartbeat.Options.Linger = TimeSpan.Zero;
        heartbeat.Connect(_connection.Endpoint(_connection.HeartbeatPort));
        var ping = Guid.NewGuid().ToByteArray();
        heartbeat.SendFrame(ping);
        return heartbeat.TryReceiveFrameBytes(timeout, out var echo) && echo.AsSpan().SequenceEqual(ping);
    }

    /// <summary>
    /// Asks the kernel to shut down (<c>shutdown_request</c> on control) and waits for its process to exit
    /// (killing it after <paramref name="grace"/>, default 5 s).
    /// </summary>
    public async Task ShutdownAsync(bool restart = false, TimeSpan? grace = null, CancellationToken cancellationToken = default)
    {
        var wait = grace ?? TimeSpan.FromSeconds(5);
        if (!HasExited)
        {
            try
            {
                await RequestAsync("shutdown_request", new JsonObject { ["restart"] = restart }, KernelChannel.Control, cancellationToken)
                    .WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or DeadKernelException)
            {
                // Not answering or already gone: the process is killed below.
            }
        }

        if (_process is not null)
        {
            await _process.WaitForExitOrKillAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Restarts the kernel as Jupyter does: shuts this kernel down (<c>restart</c> = true) and starts a fresh
    /// process from the same <see cref="StartInfo"/>, i.e. a fresh session. Returns the new client; this one is disposed.
    /// </summary>
    public async Task<KernelClient> RestartAsync(CancellationToken cancellationToken = default)
    {
        var startInfo = StartInfo ?? throw new InvalidOperationException("Only a kernel started by KernelClient.StartAsync can be restarted.");
        await ShutdownAsync(restart: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
        return await StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the sockets, kills the process if it still runs, deletes the connection file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sockets.Dispose();
        if (_process is not null)
        {
            await _process.StopAsync().ConfigureAwait(false);
        }

        Fail(new DeadKernelException("The kernel client was disposed."));
    }

    private TaskCompletionSource<JupyterMessage> Register(string messageId)
    {
        var reply = new TaskCompletionSource<JupyterMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[messageId] = reply;
        if (_dead is { } dead)
        {
            reply.TrySetException(dead);
        }

        return reply;
    }

    private void Send(KernelChannel channel, JupyterMessage message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _sockets.Send(channel, message);
    }

    private void Fail(DeadKernelException dead)
    {
        _dead ??= dead;
        foreach (var (_, reply) in _replies)
        {
            reply.TrySetException(_dead);
        }

        foreach (var (_, writer) in _iopub)
        {
            writer.TryComplete(_dead);
        }
    }

    private void OnReply(JupyterMessage message)
    {
        if (message.ParentMessageId is { } parent && _replies.TryGetValue(parent, out var reply))
        {
            reply.TrySetResult(message);
        }
    }

    /// <summary>
    /// Called (on the socket thread, or on the thread that read the request's idle) with an iopub message whose request is no longer awaited, e.g. an
    /// <c>update_display_data</c> for a cell that already finished (a chart's PNG).
    /// </summary>
    public Action<JupyterMessage>? LateIopub { get; set; }

    private static bool IsIdle(JupyterMessage message) =>
        message.MessageType == "status" && (string?)message.Content["execution_state"] == "idle";

    /// <summary>
    /// At a request's idle: from here on its iopub messages (a chart's PNG, sent as an update after the cell ended; a
    /// widget's state changed by a background task) go to <see cref="LateIopub"/>: those already queued behind the idle,
    /// and any later (<see cref="OnIopub"/>'s write then fails, or finds no request).
    /// </summary>
    private void StopReadingIopub(string requestId, Channel<JupyterMessage> messages)
    {
        _iopub.TryRemove(requestId, out _);
        messages.Writer.TryComplete();
        while (messages.Reader.TryRead(out var late))
        {
            LateIopub?.Invoke(late);
        }
    }

    private void OnIopub(JupyterMessage message)
    {
        if (message.ParentMessageId is not { } parent || !_iopub.TryGetValue(parent, out var writer) || !writer.TryWrite(message))
        {
            LateIopub?.Invoke(message);
        }
    }

    /// <summary>An <c>input_request</c>: answered off the socket thread by the execution's input handler (empty without one).</summary>
    private void OnStdin(JupyterMessage request)
    {
        if (request.MessageType != "input_request")
        {
            return;
        }

        var handler = request.ParentMessageId is { } parent && _inputHandlers.TryGetValue(parent, out var h) ? h : null;
        _ = Task.Run(() =>
        {
            string value;
            try
            {
                value = handler?.Invoke((string?)request.Content["prompt"] ?? string.Empty, (bool?)request.Content["password"] ?? false) ?? string.Empty;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                value = string.Empty;
            }

            Send(KernelChannel.Stdin, JupyterMessage.Create("input_reply", new JsonObject { ["value"] = value }, _session, request, identities: [], username: "client"));
        });
    }
}
