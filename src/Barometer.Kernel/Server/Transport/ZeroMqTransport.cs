using Barometer.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace Barometer.Kernel.Server.Transport;

/// <summary>
/// The kernel's sockets (Jupyter messaging over ZeroMQ): binds the shell, control and stdin ROUTERs, the iopub PUB and the
/// heartbeat REP to the connection file's endpoints, all on one poller thread. Every message sent is signed with the
/// connection's key; a received message whose signature does not verify, or that repeats a signature already
/// accepted (a replay), is logged and never handed on. The heartbeat echoes on the poller thread, so it answers while
/// a cell runs.
/// </summary>
internal sealed class ZeroMqTransport : IKernelTransport
{
    private readonly ConnectionInfo _connection;
    private readonly MessageSigner _signer;
    private readonly SignatureHistory _signatures = new();
    private readonly TextWriter _log;
    private readonly NetMQQueue<(KernelChannel Channel, NetMQMessage Message)> _outgoing = new();
    private readonly object _queueOwner = new();
    private volatile bool _stopped;
    private bool _serving;
    private bool _disposed;

    public ZeroMqTransport(ConnectionInfo connection, TextWriter log)
    {
        _connection = connection;
        _signer = new MessageSigner(connection.Key);
        _log = log;
    }

    public Task RunAsync(Action<KernelChannel, JupyterMessage> receive, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_queueOwner)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _serving = true;
        }

        var thread = new Thread(() => Serve(receive, done, cancellationToken)) { IsBackground = true, Name = "jupyter-sockets" };
        thread.Start();
        return done.Task;
    }

    public void Send(KernelChannel channel, JupyterMessage message)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            _outgoing.Enqueue((channel, WireFormat.Encode(message, _signer)));
        }
        catch (ObjectDisposedException)
        {
            // Shut down: the sockets are closed, nobody is listening any more.
        }
    }

    /// <summary>
    /// Stops sending. The outgoing queue belongs to the socket thread's poller while that thread runs (a host that stops
    /// waiting for it, as the server does after a few seconds under load, must not dispose the queue under the poller:
    /// the poller's own disposal then failed with <see cref="ObjectDisposedException"/>); the thread disposes it when it ends.
    /// </summary>
    public void Dispose()
    {
        _stopped = true;
        lock (_queueOwner)
        {
            _disposed = true;
            if (!_serving)
            {
                _outgoing.Dispose();
            }
        }
    }

    private void Serve(Action<KernelChannel, JupyterMessage> receive, TaskCompletionSource done, CancellationToken cancellationToken)
    {
        try
        {
            ServeSockets(receive, done, cancellationToken);
        }
        finally
        {
            lock (_queueOwner)
            {
                _serving = false;
                if (_disposed)
                {
                    _outgoing.Dispose();
                }
            }
        }
    }

    private void ServeSockets(Action<KernelChannel, JupyterMessage> receive, TaskCompletionSource done, CancellationToken cancellationToken)
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

            NetMQSocket SocketOf(KernelChannel channel) => channel switch
            {
                KernelChannel.Shell => shell,
                KernelChannel.Control => control,
                KernelChannel.Stdin => stdin,
                _ => iopub,
            };

            void SendQueued()
            {
                while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
                {
                    SocketOf(item.Channel).SendMultipartMessage(item.Message);
                }
            }

            // A stop is a message to the poller's own thread: queued, it is seen even when the token is cancelled before
            // the poller runs (StopAsync on a poller not yet running throws, and a stop between a check and Run was lost).
            using var stopSignal = new NetMQQueue<bool>();
            using var poller = new NetMQPoller { shell, control, stdin, heartbeat, _outgoing, stopSignal };
            stopSignal.ReceiveReady += (_, _) => poller.StopAsync();
            shell.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Shell, receive);
            control.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Control, receive);
            stdin.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Stdin, receive);
            heartbeat.ReceiveReady += (_, e) => e.Socket.SendMultipartMessage(e.Socket.ReceiveMultipartMessage());
            _outgoing.ReceiveReady += (_, _) => SendQueued();
            using var stopping = cancellationToken.Register(() => stopSignal.Enqueue(true));
            poller.Run();

            // Hand the last messages (e.g. shutdown_reply) to ZeroMQ; linger delivers them.
            SendQueued();
            _stopped = true;
            done.TrySetResult();
        }
        catch (Exception ex)
        {
            _stopped = true;
            // A port that cannot be bound is the host's to report (RunAsync throws it), in words; anything else is logged whole.
            if (ex is not ChannelBindException)
            {
                _log.WriteLine($"kernel: socket thread failed: {ex}");
            }

            done.TrySetException(ex);
        }
    }

    private void Receive(NetMQSocket socket, KernelChannel channel, Action<KernelChannel, JupyterMessage> receive)
    {
        var frames = WireFormat.Frames(socket.ReceiveMultipartMessage());
        if (!WireFormat.TryDecode(frames, _signer, _signatures, out var message, out var problem))
        {
            _log.WriteLine($"kernel: rejected a message on {channel.ToString().ToLowerInvariant()}: {problem}; it was not acted on.");
            return;
        }

        receive(channel, message!);
    }
}
