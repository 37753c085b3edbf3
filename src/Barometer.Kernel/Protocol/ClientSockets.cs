using System.Text;
using NetMQ;
using NetMQ.Sockets;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// The sockets of a <see cref="KernelClient"/>, as jupyter_client connects them: DEALER shell, control and stdin (shell
/// and stdin with the session as identity, so the kernel routes an <c>input_request</c> to the front end that asked),
/// and a SUB iopub subscribed to everything, all on one poller thread. Messages sent are signed; received ones that do
/// not verify, or repeat an accepted signature, are dropped.
/// </summary>
internal sealed class ClientSockets : IDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly string _session;
    private readonly MessageSigner _signer;
    private readonly SignatureHistory _signatures = new();
    private readonly NetMQQueue<(KernelChannel Channel, NetMQMessage Message)> _outgoing = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<JupyterMessage> _onReply;
    private readonly Action<JupyterMessage> _onIopub;
    private readonly Action<JupyterMessage> _onStdin;
    private readonly Thread _thread;

    /// <summary>Connects; <paramref name="onReply"/> gets shell and control replies, the others their channel's messages (on the socket thread).</summary>
    public ClientSockets(ConnectionInfo connection, string session, Action<JupyterMessage> onReply, Action<JupyterMessage> onIopub, Action<JupyterMessage> onStdin)
    {
        _connection = connection;
        _session = session;
        _signer = new MessageSigner(connection.Key);
        _onReply = onReply;
        _onIopub = onIopub;
        _onStdin = onStdin;
        _thread = new Thread(Serve) { IsBackground = true, Name = "jupyter-client-sockets" };
        _thread.Start();
    }

    /// <summary>Signs and sends a message on shell, control or stdin (thread-safe).</summary>
    public void Send(KernelChannel channel, JupyterMessage message) => _outgoing.Enqueue((channel, WireFormat.Encode(message, _signer)));

    /// <summary>Stops the socket thread (waiting up to 2 s) and closes the sockets.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(2));
        _outgoing.Dispose();
        _stop.Dispose();
    }

    private static readonly TimeSpan ReconnectInterval = TimeSpan.FromMilliseconds(10);

    private void Serve()
    {
        var identity = Encoding.UTF8.GetBytes(_session);
        using var shell = new DealerSocket();
        using var control = new DealerSocket();
        using var stdin = new DealerSocket();
        using var iopub = new SubscriberSocket();
        shell.Options.Identity = identity;
        stdin.Options.Identity = identity; // the kernel routes input_request with the shell request's identity
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub })
        {
            socket.Options.Linger = TimeSpan.Zero;
            // The sockets connect before the kernel process has bound its ports and retry until it has: every 10 ms
            // rather than ZeroMQ's 100 ms, so a kernel's first answer is not held back by up to 100 ms per socket.
            socket.Options.ReconnectInterval = ReconnectInterval;
        }

        shell.Connect(_connection.Endpoint(_connection.ShellPort));
        control.Connect(_connection.Endpoint(_connection.ControlPort));
        stdin.Connect(_connection.Endpoint(_connection.StdinPort));
        iopub.Connect(_connection.Endpoint(_connection.IOPubPort));
        iopub.SubscribeToAnyTopic();

        // A stop is a message to the poller's own thread (as in ZeroMqTransport): queued, it is seen even when the client
        // stops before the poller runs (a kernel that died at once); StopAsync on a poller not yet running throws.
        using var stopSignal = new NetMQQueue<bool>();
        using var poller = new NetMQPoller { shell, control, stdin, iopub, _outgoing, stopSignal };
        stopSignal.ReceiveReady += (_, _) => poller.StopAsync();
        shell.ReceiveReady += (_, e) => Receive(e.Socket, _onReply);
        control.ReceiveReady += (_, e) => Receive(e.Socket, _onReply);
        iopub.ReceiveReady += (_, e) => Receive(e.Socket, _onIopub);
        stdin.ReceiveReady += (_, e) => Receive(e.Socket, _onStdin);
        _outgoing.ReceiveReady += (_, _) =>
        {
            while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
            {
                (item.Channel switch { KernelChannel.Control => control, KernelChannel.Stdin => stdin, _ => shell }).SendMultipartMessage(item.Message);
            }
        };
        using var stopping = _stop.Token.Register(() => stopSignal.Enqueue(true));
        poller.Run();
    }

    private void Receive(NetMQSocket socket, Action<JupyterMessage> handle)
    {
        var frames = WireFormat.Frames(socket.ReceiveMultipartMessage());
        if (WireFormat.TryDecode(frames, _signer, _signatures, out var message, out _))
        {
            handle(message!);
        }
    }
}
