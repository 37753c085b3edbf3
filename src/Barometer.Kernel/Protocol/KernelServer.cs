using System.Text.Json.Nodes;
using System.Threading.Channels;
using Barometer.Kernel.Execution;
using NetMQ;
using NetMQ.Sockets;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) over ZeroMQ: binds shell, control and stdin ROUTERs, an iopub PUB
/// and a heartbeat REP to the connection file's endpoints, and runs C# cells in one <see cref="ScriptSession"/>.
/// All sockets live on one poller thread; shell requests are handled one at a time in order on a worker, control
/// requests (interrupt, shutdown) on another so they are answered while a cell runs. Every message sent is
/// signed; a received message whose signature does not verify is logged and dropped.
/// </summary>
/// <remarks>
/// Besides the standard fields, an <c>execute_request</c>'s metadata may carry <c>cellNumber</c> (the cell's 1-based
/// position in its notebook, used to name it in errors) and <c>kernelName</c> (a Polyglot cell's own language);
/// <c>error</c> messages carry <c>error_kind</c>, <c>line</c> and <c>column</c> beside ename/evalue/traceback.
/// The headless runner (<see cref="Running.JupyterKernel"/>) uses them; other front ends ignore them.
/// </remarks>
public sealed class KernelServer : IDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly KernelServerOptions _options;
    private readonly MessageSigner _signer;
    private readonly SignatureHistory _signatures = new();
    private readonly TextWriter _log;
    private readonly string _session = Guid.NewGuid().ToString();
    private readonly NetMQQueue<(Socket Socket, NetMQMessage Message)> _outgoing = new();
    private readonly Channel<Received> _shellQueue = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Received> _controlQueue = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _sessionGate = new();
    private readonly ExecutionHistory _history = new();
    private ScriptSession? _scriptSession;
    private ICodeAssistance? _assistance;
    private ScriptSession? _assistanceSession;
    private TaskCompletionSource<string>? _pendingInput;
    private long _receivedShellRequests;
    private long _abortThrough;
    private int _kernelInfoSent;

    /// <summary>Creates a server for a connection (nothing is bound until <see cref="RunAsync"/>).</summary>
    public KernelServer(ConnectionInfo connection, KernelServerOptions? options = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? new KernelServerOptions();
        _signer = new MessageSigner(connection.Key);
        _log = _options.Log ?? Console.Error;
    }

    private enum Socket
    {
        Shell,
        Control,
        Stdin,
        IOPub,
    }

    /// <summary>
    /// Binds the sockets and serves until a <c>shutdown_request</c> arrives or <paramref name="cancellationToken"/>
    /// is cancelled. Returns after the last reply was handed to ZeroMQ.
    /// </summary>
    /// <exception cref="ChannelBindException">A port of the connection file cannot be bound (e.g. it is in use).</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(() => _shutdown.Cancel());
        var ioThread = new Thread(ServeSockets) { IsBackground = true, Name = "jupyter-sockets" };
        ioThread.Start();
        var shell = Task.Run(() => ProcessAsync(_shellQueue.Reader, HandleShellAsync), CancellationToken.None);
        var control = Task.Run(() => ProcessAsync(_controlQueue.Reader, HandleControlAsync), CancellationToken.None);
        try
        {
            await Task.WhenAny(_stopped.Task, Task.Delay(Timeout.Infinite, _shutdown.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _shutdown.Cancel();
        _shellQueue.Writer.TryComplete();
        _controlQueue.Writer.TryComplete();
        ioThread.Join(TimeSpan.FromSeconds(3));
        if (_stopped.Task.IsFaulted)
        {
            await _stopped.Task.ConfigureAwait(false);
        }
    }

    private void ServeSockets()
    {
        try
        {
            using var shell = new RouterSocket();
            using var control = new RouterSocket();
            using var stdin = new RouterSocket();
            using var iopub = new PublisherSocket();
            using var heartbeat = new ResponseSocket();
            foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat })
            {
                socket.Options.Linger = TimeSpan.FromSeconds(1);
            }

            ChannelBinding.Bind(shell, _connection, "shell", _connection.ShellPort);
            ChannelBinding.Bind(control, _connection, "control", _connection.ControlPort);
            ChannelBinding.Bind(stdin, _connection, "stdin", _connection.StdinPort);
            ChannelBinding.Bind(iopub, _connection, "iopub", _connection.IOPubPort);
            ChannelBinding.Bind(heartbeat, _connection, "heartbeat", _connection.HeartbeatPort);

            using var poller = new NetMQPoller { shell, control, stdin, heartbeat, _outgoing };
            shell.ReceiveReady += (_, e) => Receive(e.Socket, Socket.Shell);
            control.ReceiveReady += (_, e) => Receive(e.Socket, Socket.Control);
            stdin.ReceiveReady += (_, e) => Receive(e.Socket, Socket.Stdin);
            heartbeat.ReceiveReady += (_, e) => e.Socket.SendMultipartMessage(e.Socket.ReceiveMultipartMessage());
            _outgoing.ReceiveReady += (_, _) =>
            {
                while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
                {
                    var target = item.Socket switch
                    {
                        Socket.Shell => (NetMQSocket)shell,
                        Socket.Control => control,
                        Socket.Stdin => stdin,
                        _ => iopub,
                    };
                    target.SendMultipartMessage(item.Message);
                }
            };
            using var stopping = _shutdown.Token.Register(() => poller.StopAsync());
            Publish("status", new JsonObject { ["execution_state"] = "starting" }, null);
            poller.Run();

            // Hand the last messages (e.g. shutdown_reply) to ZeroMQ; linger delivers them.
            while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
            {
                (item.Socket switch { Socket.Shell => (NetMQSocket)shell, Socket.Control => control, Socket.Stdin => stdin, _ => iopub }).SendMultipartMessage(item.Message);
            }

            _stopped.TrySetResult();
        }
        catch (Exception ex)
        {
            // A port that cannot be bound is the host's to report (RunAsync throws it), in words; anything else is logged whole.
            if (ex is not ChannelBindException)
            {
                _log.WriteLine($"kernel: socket thread failed: {ex}");
            }

            _stopped.TrySetException(ex);
        }
    }

    private void Receive(NetMQSocket socket, Socket kind)
    {
        var frames = WireFormat.Frames(socket.ReceiveMultipartMessage());
        if (!WireFormat.TryDecode(frames, _signer, _signatures, out var message, out var problem))
        {
            _log.WriteLine($"kernel: rejected a message on {kind.ToString().ToLowerInvariant()}: {problem}; it was not acted on.");
            return;
        }

        switch (kind)
        {
            case Socket.Shell:
                _shellQueue.Writer.TryWrite(new Received(message!, Interlocked.Increment(ref _receivedShellRequests)));
                break;
            case Socket.Control:
                _controlQueue.Writer.TryWrite(new Received(message!, 0));
                break;
            case Socket.Stdin when message!.MessageType == "input_reply":
                Interlocked.Exchange(ref _pendingInput, null)?.TrySetResult((string?)message.Content["value"] ?? string.Empty);
                break;
            default:
                _log.WriteLine($"kernel: ignored '{message!.MessageType}' on stdin.");
                break;
        }
    }

    /// <summary>Handles one channel's requests in order, each between a <c>busy</c> and an <c>idle</c> status on iopub.</summary>
    private async Task ProcessAsync(ChannelReader<Received> queue, Func<Received, Task> handle)
    {
        await foreach (var request in queue.ReadAllAsync().ConfigureAwait(false))
        {
            Publish("status", new JsonObject { ["execution_state"] = "busy" }, request.Message);
            try
            {
                await handle(request).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log.WriteLine($"kernel: handling {request.Message.MessageType} failed: {ex}");
            }
            finally
            {
                Publish("status", new JsonObject { ["execution_state"] = "idle" }, request.Message);
            }
        }
    }

    private async Task HandleShellAsync(Received request)
    {
        if (request.Message.MessageType == "execute_request")
        {
            await ExecuteAsync(request).ConfigureAwait(false);
        }
        else
        {
            await AnswerCommonAsync(request.Message, Socket.Shell).ConfigureAwait(false);
        }
    }

    private async Task HandleControlAsync(Received request)
    {
        var message = request.Message;
        if (message.MessageType == "interrupt_request")
        {
            CurrentSession()?.Interrupt();
            Interlocked.Exchange(ref _pendingInput, null)?.TrySetCanceled();
            Reply(Socket.Control, "interrupt_reply", new JsonObject { ["status"] = "ok" }, message);
        }
        else
        {
            await AnswerCommonAsync(message, Socket.Control).ConfigureAwait(false);
        }
    }

    /// <summary>Requests answered the same way on shell and control.</summary>
    private async Task AnswerCommonAsync(JupyterMessage message, Socket socket)
    {
        var content = message.Content;
        switch (message.MessageType)
        {
            case "kernel_info_request":
                Reply(socket, "kernel_info_reply", KernelInfo.ReplyContent(), message);
                if (Interlocked.Exchange(ref _kernelInfoSent, 1) == 0)
                {
                    _options.AfterFirstKernelInfo?.Invoke();
                }

                break;
            case "is_complete_request":
                var completeness = Language.LanguageService.CheckCompleteness((string?)content["code"] ?? string.Empty);
                var reply = new JsonObject { ["status"] = completeness.StatusText };
                if (completeness.Status == Language.CompletenessStatus.Incomplete)
                {
                    reply["indent"] = completeness.Indent;
                }

                Reply(socket, "is_complete_reply", reply, message);
                break;
            case "complete_request":
                var code = (string?)content["code"] ?? string.Empty;
                var completion = await Assistance().CompleteAsync(code, CursorOf(content, code), _shutdown.Token).ConfigureAwait(false);
                Reply(socket, "complete_reply", CodeAssistanceJson.CompleteReply(completion), message);
                break;
            case "inspect_request":
                var inspected = (string?)content["code"] ?? string.Empty;
                var detail = content["detail_level"] is JsonValue level && level.TryGetValue<int>(out var d) ? d : 0;
                var inspection = await Assistance().InspectAsync(inspected, CursorOf(content, inspected), detail, _shutdown.Token).ConfigureAwait(false);
                Reply(socket, "inspect_reply", CodeAssistanceJson.InspectReply(inspection), message);
                break;
            case "history_request":
                Reply(socket, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = _history.Query(content) }, message);
                break;
            case "comm_info_request":
                Reply(socket, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }, message);
                break;
            case "shutdown_request":
                // As ipykernel: the process ends in both cases; with restart = true the front end (jupyter_client,
                // KernelClient.RestartAsync) starts a fresh kernel process, i.e. a fresh session.
                var restart = content["restart"] is JsonValue r && r.TryGetValue<bool>(out var value) && value;
                CurrentSession()?.Interrupt();
                Reply(socket, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart }, message);
                _shutdown.Cancel();
                break;
            default:
                _log.WriteLine($"kernel: unknown message type '{message.MessageType}' ignored.");
                break;
        }
    }

    private static int CursorOf(JsonObject content, string code) =>
        content["cursor_pos"] is JsonValue value && value.TryGetValue<int>(out var cursor) ? Math.Clamp(cursor, 0, code.Length) : code.Length;

    private async Task ExecuteAsync(Received request)
    {
        var message = request.Message;
        var content = message.Content;
        var code = (string?)content["code"] ?? string.Empty;
        var silent = Flag(content, "silent", false);
        var storeHistory = Flag(content, "store_history", true) && !silent;
        var allowStdin = Flag(content, "allow_stdin", true);
        var stopOnError = Flag(content, "stop_on_error", true);

        if (request.Sequence <= Interlocked.Read(ref _abortThrough))
        {
            // Queued behind a failed cell that asked to stop on error.
            Reply(Socket.Shell, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = CurrentSession()?.ExecutionCount ?? 0 }, message);
            return;
        }

        var session = GetOrCreateSession();
        var publisher = new CellPublisher(this, message, silent);
        var submission = new CellSubmission(code)
        {
            CellNumber = message.Metadata["cellNumber"] is JsonValue number && number.TryGetValue<int>(out var cellNumber) && cellNumber > 0 ? cellNumber : null,
            KernelName = message.Metadata["kernelName"] is JsonValue kernel && kernel.TryGetValue<string>(out var kernelName) ? kernelName : null,
            StoreHistory = storeHistory,
            Input = allowStdin ? (prompt, password) => RequestInput(message, prompt, password) : null,
        };

        CellExecutionResult result;
        try
        {
            result = await session.ExecuteAsync(submission, publisher.OnEvent, _shutdown.Token).ConfigureAwait(false);
        }
        finally
        {
            await publisher.CompleteAsync().ConfigureAwait(false);
        }

        if (storeHistory)
        {
            var output = result.HasReturnValue ? result.Outputs.LastOrDefault(o => o.OutputType == Documents.CellOutput.ExecuteResultType)?.Data.GetValueOrDefault("text/plain") : null;
            _history.Add(result.ExecutionCount, code, output);
        }

        if (result.Succeeded)
        {
            Reply(Socket.Shell, "execute_reply", new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = result.ExecutionCount,
                ["user_expressions"] = new JsonObject(),
                ["payload"] = new JsonArray(),
            }, message);
            return;
        }

        var error = result.Error!;
        if (stopOnError)
        {
            Interlocked.Exchange(ref _abortThrough, Interlocked.Read(ref _receivedShellRequests));
        }

        Reply(Socket.Shell, "execute_reply", new JsonObject
        {
            ["status"] = "error",
            ["execution_count"] = result.ExecutionCount,
            ["ename"] = error.EName,
            ["evalue"] = error.EValue,
            ["traceback"] = Lines(error.Traceback),
            ["user_expressions"] = new JsonObject(),
            ["payload"] = new JsonArray(),
        }, message);
    }

    private string RequestInput(JupyterMessage parent, string prompt, bool password)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _pendingInput, pending, null) is not null)
        {
            throw new InvalidOperationException("The cell asked for input while another input request is pending.");
        }

        // The stdin DEALER of a front end has the identity of its shell DEALER, so the request's identities route it.
        Send(Socket.Stdin, JupyterMessage.Create("input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }, _session, parent));
        try
        {
            return pending.Task.GetAwaiter().GetResult();
        }
        catch (TaskCanceledException ex)
        {
            throw new OperationCanceledException("Input request interrupted.", ex);
        }
    }

    private ScriptSession GetOrCreateSession()
    {
        lock (_sessionGate)
        {
            return _scriptSession ??= _options.SessionFactory();
        }
    }

    /// <summary>The completion and inspection of the current session (made with it; the session is created if need be).</summary>
    private ICodeAssistance Assistance()
    {
        var session = GetOrCreateSession();
        lock (_sessionGate)
        {
            if (_assistance is null || !ReferenceEquals(_assistanceSession, session))
            {
                (_assistance as IDisposable)?.Dispose();
                _assistance = _options.CodeAssistance(session);
                _assistanceSession = session;
            }

            return _assistance;
        }
    }

    private ScriptSession? CurrentSession()
    {
        lock (_sessionGate)
        {
            return _scriptSession;
        }
    }

    private static bool Flag(JsonObject content, string name, bool fallback) =>
        content[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : fallback;

    private static JsonArray Lines(IEnumerable<string> lines) => new(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    private void Reply(Socket socket, string type, JsonObject content, JupyterMessage request) =>
        Send(socket, JupyterMessage.Create(type, content, _session, request));

    private void Publish(string type, JsonObject content, JupyterMessage? parent) =>
        Send(Socket.IOPub, JupyterMessage.Create(type, content, _session, parent, identities: [System.Text.Encoding.UTF8.GetBytes($"kernel.{_session}.{type}")]));

    private void Send(Socket socket, JupyterMessage message)
    {
        try
        {
            _outgoing.Enqueue((socket, WireFormat.Encode(message, _signer)));
        }
        catch (ObjectDisposedException) when (_shutdown.IsCancellationRequested)
        {
            // Shut down: the sockets are closed, nobody is listening any more.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _shutdown.Cancel();
        _outgoing.Dispose();
        lock (_sessionGate)
        {
            (_assistance as IDisposable)?.Dispose();
            _assistance = null;
            _scriptSession?.Dispose();
            _scriptSession = null;
        }

        _shutdown.Dispose();
    }

    private sealed record Received(JupyterMessage Message, long Sequence);

    /// <summary>
    /// Turns one cell's events into iopub messages, in order, on its own task: consecutive console writes that
    /// are already waiting are sent as one <c>stream</c> message, so a chatty loop does not send a message per
    /// write, while a cell printing progress shows each line as it comes.
    /// </summary>
    private sealed class CellPublisher
    {
        private readonly KernelServer _server;
        private readonly JupyterMessage _request;
        private readonly bool _silent;
        private readonly Channel<CellEvent> _events = Channel.CreateUnbounded<CellEvent>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task _loop;
        private CellStarted? _input;

        public CellPublisher(KernelServer server, JupyterMessage request, bool silent)
        {
            _server = server;
            _request = request;
            _silent = silent;
            _loop = Task.Run(PublishAsync);
        }

        public void OnEvent(CellEvent cellEvent) => _events.Writer.TryWrite(cellEvent);

        public Task CompleteAsync()
        {
            _events.Writer.TryComplete();
            return _loop;
        }

        private async Task PublishAsync()
        {
            await PublishEventsAsync().ConfigureAwait(false);
            AnnounceInput(); // a cell that produced no event after CellStarted still gets its execute_input
        }

        /// <summary>
        /// Sends the cell's <c>execute_input</c> if it has not been sent: when its code starts running (so a front end
        /// that counts a cell timeout from <c>execute_input</c>, as <c>notebooks run</c> does, never counts the kernel's
        /// start-up, a package restore or the compile), or before the first output that comes earlier (an error).
        /// </summary>
        private void AnnounceInput()
        {
            if (_input is { } input)
            {
                _input = null;
                Send("execute_input", new JsonObject { ["code"] = input.Code, ["execution_count"] = input.ExecutionCount });
            }
        }

        private async Task PublishEventsAsync()
        {
            var reader = _events.Reader;
            string? streamName = null;
            var text = new System.Text.StringBuilder();
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var cellEvent))
                {
                    if (cellEvent is StreamText stream)
                    {
                        if (streamName is not null && streamName != stream.Name)
                        {
                            Flush();
                        }

                        streamName = stream.Name;
                        text.Append(stream.Text);
                        continue;
                    }

                    Flush();
                    Publish(cellEvent);
                }

                Flush();
            }

            void Flush()
            {
                if (streamName is not null && text.Length > 0)
                {
                    Send("stream", new JsonObject { ["name"] = streamName, ["text"] = text.ToString() });
                }

                streamName = null;
                text.Clear();
            }
        }

        private void Publish(CellEvent cellEvent)
        {
            if (cellEvent is CellStarted started)
            {
                _input = started; // announced when the code starts running (see AnnounceInput)
                return;
            }

            AnnounceInput();
            switch (cellEvent)
            {
                case DisplayShown shown:
                    Send("display_data", DisplayContent(shown.DisplayId, shown.Data));
                    break;
                case DisplayUpdated updated:
                    Send("update_display_data", DisplayContent(updated.DisplayId, updated.Data));
                    break;
                case ResultProduced result:
                    Send("execute_result", new JsonObject { ["execution_count"] = result.ExecutionCount, ["data"] = Data(result.Data), ["metadata"] = new JsonObject() });
                    break;
                case ErrorRaised raised:
                    Send("error", ErrorContent(raised.Error));
                    break;
            }
        }

        private void Send(string type, JsonObject content)
        {
            if (!_silent)
            {
                _server.Publish(type, content, _request);
            }
        }

        /// <summary>
        /// The <c>error</c> content: ename, evalue, traceback, plus what a runner needs to point at the cell's source
        /// (<c>error_kind</c>, and the 1-based <c>line</c> and <c>column</c> in the cell when known); front ends ignore them.
        /// </summary>
        private static JsonObject ErrorContent(CellError error)
        {
            var content = new JsonObject
            {
                ["ename"] = error.EName,
                ["evalue"] = error.EValue,
                ["traceback"] = Lines(error.Traceback),
                ["error_kind"] = error.Kind.ToString(),
            };
            if (error.Line is int line)
            {
                content["line"] = line;
            }

            if (error.Column is int column)
            {
                content["column"] = column;
            }

            return content;
        }

        private static JsonObject DisplayContent(string displayId, Documents.MimeBundle data) => new()
        {
            ["data"] = Data(data),
            ["metadata"] = new JsonObject(),
            ["transient"] = new JsonObject { ["display_id"] = displayId },
        };

        /// <summary>A MIME bundle on the wire: JSON types as JSON, everything else as one string.</summary>
        private static JsonObject Data(Documents.MimeBundle bundle)
        {
            var data = new JsonObject();
            foreach (var (mime, text) in bundle)
            {
                data[mime] = Documents.MimeBundle.IsJsonMime(mime) ? Documents.MimeBundle.ToJsonValue(mime, text) : JsonValue.Create(text);
            }

            return data;
        }
    }
}
