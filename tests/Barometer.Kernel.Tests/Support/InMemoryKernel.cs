using System.Text.Json.Nodes;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server;
using Barometer.Kernel.Server.Transport;

namespace Barometer.Kernel.Tests.Support;

/// <summary>
/// A <see cref="KernelServer"/> on an <see cref="InMemoryTransport"/>, in this process: the test is the front end. It
/// sends requests and reads, in the order the kernel sent them, every message that came back (replies, iopub, stdin).
/// Waits are bounded by 60 s only so that a broken kernel fails the test instead of hanging it; nothing asserts time.
/// </summary>
internal sealed class InMemoryKernel : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly InMemoryTransport _transport = new();
    private readonly KernelServer _server;
    private readonly Task _running;
    private readonly Task _pump;
    private readonly object _gate = new();
    private readonly List<SentMessage> _sent = [];
    private readonly StringWriter _logText = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InMemoryKernel(KernelServerOptions? options = null)
    {
        Log = TextWriter.Synchronized(_logText);
        _server = new KernelServer(_transport, (options ?? new KernelServerOptions
        {
            SessionFactory = () => new ScriptSession(new ScriptSessionOptions
            {
                CellTimeout = Timeout.InfiniteTimeSpan,
                InterruptGrace = TimeSpan.FromMilliseconds(300),
            }),
            WarmUpLanguageServices = false,
        }) with
        { Log = Log });
        _running = _server.RunAsync();
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The kernel's log (its standard error).</summary>
    public TextWriter Log { get; }

    public string LogText
    {
        get
        {
            lock (Log)
            {
                return _logText.ToString();
            }
        }
    }

    /// <summary>Everything the kernel sent so far, in order.</summary>
    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Sends a request as a front end would (signed, through the wire format) and returns it.</summary>
    public JupyterMessage Send(string messageType, JsonObject? content = null, KernelChannel channel = KernelChannel.Shell, IReadOnlyList<byte[]>? buffers = null, JsonObject? metadata = null)
    {
        var message = JupyterMessage.Create(messageType, content ?? [], "front-end", username: "test", metadata: metadata, buffers: buffers);
        _transport.Deliver(channel, message);
        return message;
    }

    public JupyterMessage Execute(string code, bool stopOnError = true, bool allowStdin = false, bool silent = false) =>
        Send("execute_request", new JsonObject
        {
            ["code"] = code,
            ["silent"] = silent,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = allowStdin,
            ["stop_on_error"] = stopOnError,
        });

    /// <summary>The reply (shell or control) to <paramref name="request"/>.</summary>
    public async Task<JupyterMessage> ReplyAsync(JupyterMessage request) =>
        (await WaitForAsync(m => m.Channel is KernelChannel.Shell or KernelChannel.Control && IsChildOf(m, request))).Message;

    /// <summary>The iopub messages of <paramref name="request"/>, in order, once its <c>idle</c> status was published.</summary>
    public async Task<IReadOnlyList<JupyterMessage>> IopubAsync(JupyterMessage request)
    {
        await WaitForAsync(m => IsIopubOf(m, request) && m.Message.MessageType == "status" && (string?)m.Message.Content["execution_state"] == "idle");
        return IopubSoFar(request);
    }

    /// <summary>The iopub messages of <paramref name="request"/> published so far.</summary>
    public IReadOnlyList<JupyterMessage> IopubSoFar(JupyterMessage request) => Sent.Where(m => IsIopubOf(m, request)).Select(m => m.Message).ToList();

    /// <summary>Waits for the first message the kernel sent (from the start) that matches.</summary>
    public async Task<SentMessage> WaitForAsync(Func<SentMessage, bool> match)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_sent.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The kernel sent nothing that matches within {Patience.TotalSeconds} s. Sent: {string.Join(", ", Sent.Select(m => $"{m.Channel}:{m.Message.MessageType}"))}. Log: {LogText}");
            }
        }
    }

    /// <summary>Waits for an iopub message of <paramref name="request"/> of <paramref name="messageType"/>.</summary>
    public async Task<JupyterMessage> WaitForIopubAsync(JupyterMessage request, string messageType) =>
        (await WaitForAsync(m => IsIopubOf(m, request) && m.Message.MessageType == messageType)).Message;

    public static bool IsChildOf(SentMessage sent, JupyterMessage request) => sent.Message.ParentMessageId == request.MessageId;

    public async ValueTask DisposeAsync()
    {
        Send("shutdown_request", new JsonObject { ["restart"] = false }, KernelChannel.Control);
        await _running.WaitAsync(Patience);
        _server.Dispose();
        await _pump.WaitAsync(Patience);
    }

    private static bool IsIopubOf(SentMessage sent, JupyterMessage request) => sent.Channel == KernelChannel.IOPub && IsChildOf(sent, request);

    private async Task PumpAsync()
    {
        await foreach (var message in _transport.Sent.ReadAllAsync())
        {
            lock (_gate)
            {
                _sent.Add(message);
                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }
        }
    }
}
