using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Server.Dispatch;

/// <summary>
/// The kernel's dispatcher (xeus's kernel core): a table from message type to <see cref="IMessageHandler"/>, and the
/// order requests are handled in. Shell requests are handled one at a time in the order received; control requests
/// (interrupt, shutdown, …) on a lane of their own, so a running cell never blocks them; comm messages
/// (<c>comm_open</c>, <c>comm_msg</c>, <c>comm_close</c>, <c>comm_info_request</c>) on a third lane, in order among
/// themselves, so a front end's comm message reaches kernel code while a cell runs. Every request, handled or not, is
/// wrapped in a <c>status</c> <c>busy</c> and <c>idle</c> on iopub with the request as parent; an unknown type is
/// logged and gets no reply. <c>input_reply</c> on stdin is handed straight to its handler.
/// </summary>
internal sealed class MessageDispatcher
{
    private readonly MessageSender _sender;
    private readonly TextWriter _log;
    private readonly Dictionary<string, (IMessageHandler Handler, bool CommLane)> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<JupyterMessage>> _stdinHandlers = new(StringComparer.Ordinal);
    private readonly RequestLane _shell;
    private readonly RequestLane _control;
    private readonly RequestLane _comms;
    private readonly AsyncLocal<JupyterMessage?> _current = new();
    private readonly CancellationToken _stopping;
    private JupyterMessage? _latest;
    private long _receivedShellRequests;
    private long _abortedThrough;

    public MessageDispatcher(MessageSender sender, TextWriter log, CancellationToken stopping)
    {
        _sender = sender;
        _log = log;
        _stopping = stopping;
        _shell = new RequestLane("shell", ProcessAsync);
        _control = new RequestLane("control", ProcessAsync);
        _comms = new RequestLane("comms", ProcessAsync);
    }

    /// <summary>
    /// The request on whose behalf code runs now: the one being handled on this async flow (a cell's code, and the tasks
    /// it starts, see its <c>execute_request</c>; a comm handler its <c>comm_msg</c>), else the latest shell or comm
    /// request, as ipykernel's parent. What kernel code publishes by itself (comm messages) takes it as parent.
    /// </summary>
    public JupyterMessage? CurrentParent => _current.Value ?? Volatile.Read(ref _latest);

    /// <summary>Shell requests up to this <see cref="KernelRequest.Sequence"/> are aborted.</summary>
    public long AbortedThrough => Interlocked.Read(ref _abortedThrough);

    /// <summary>Handles <paramref name="messageType"/> on the lane of the channel it arrives on.</summary>
    public void Register(string messageType, IMessageHandler handler) => _handlers[messageType] = (handler, false);

    /// <summary>Handles <paramref name="messageType"/> on the comm lane, whichever channel it arrives on.</summary>
    public void RegisterComm(string messageType, IMessageHandler handler) => _handlers[messageType] = (handler, true);

    /// <summary>Handles <paramref name="messageType"/> arriving on stdin, at once, on the transport's thread.</summary>
    public void RegisterStdin(string messageType, Action<JupyterMessage> handler) => _stdinHandlers[messageType] = handler;

    /// <summary>Starts the lanes' workers.</summary>
    public void Start()
    {
        _shell.Start();
        _control.Start();
        _comms.Start();
    }

    /// <summary>Accepts no more requests (a cell still running is left to end by itself).</summary>
    public void Complete()
    {
        _shell.Complete();
        _control.Complete();
        _comms.Complete();
    }

    /// <summary>Routes a received message to its lane (called on the transport's thread).</summary>
    public void Receive(KernelChannel channel, JupyterMessage message)
    {
        var commLane = _handlers.TryGetValue(message.MessageType, out var entry) && entry.CommLane;
        switch (channel)
        {
            case KernelChannel.Stdin when _stdinHandlers.TryGetValue(message.MessageType, out var stdin):
                stdin(message);
                break;
            case KernelChannel.Stdin or KernelChannel.IOPub:
                _log.WriteLine($"kernel: ignored '{message.MessageType}' on {channel.ToString().ToLowerInvariant()}.");
                break;
            case KernelChannel.Control:
                _control.Post(NewRequest(message, channel, 0));
                break;
            case KernelChannel.Shell when commLane:
                _comms.Post(NewRequest(message, channel, 0));
                break;
            default:
                _shell.Post(NewRequest(message, channel, Interlocked.Increment(ref _receivedShellRequests)));
                break;
        }
    }

    /// <summary>Aborts every shell request received so far that has not been handled yet.</summary>
    public void AbortReceivedRequests() => Interlocked.Exchange(ref _abortedThrough, Interlocked.Read(ref _receivedShellRequests));

    private KernelRequest NewRequest(JupyterMessage message, KernelChannel channel, long sequence) =>
        new(message, channel, sequence, _sender, this, _stopping);

    private async Task ProcessAsync(KernelRequest request)
    {
        var message = request.Message;
        _current.Value = message;
        if (request.Channel == KernelChannel.Shell)
        {
            Volatile.Write(ref _latest, message);
        }

        _sender.Status("busy", message);
        try
        {
            if (_handlers.TryGetValue(message.MessageType, out var entry))
            {
                await entry.Handler.HandleAsync(request).ConfigureAwait(false);
            }
            else
            {
                _log.WriteLine($"kernel: unknown message type '{message.MessageType}' ignored.");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _log.WriteLine($"kernel: handling {request} failed: {ex}");
        }
        finally
        {
            _sender.Status("idle", message);
        }
    }
}
