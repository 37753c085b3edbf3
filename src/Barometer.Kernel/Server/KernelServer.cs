using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server.Dispatch;
using Barometer.Kernel.Server.Handlers;
using Barometer.Kernel.Server.Transport;

namespace Barometer.Kernel.Server;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) running C# cells in one <see cref="Execution.ScriptSession"/>, in three
/// parts as xeus builds one: a transport (<see cref="ZeroMqTransport"/>: the connection file's sockets, signing, the
/// replay check, the heartbeat), a dispatcher (<see cref="MessageDispatcher"/>: a table from message type to handler,
/// the order requests are handled in, <c>busy</c>/<c>idle</c> around each), and the handlers
/// (<see cref="Handlers"/>), which call the interpreter (the session, its language services and comms).
/// </summary>
public sealed class KernelServer : IDisposable
{
    private readonly IKernelTransport _transport;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly MessageSender _sender;
    private readonly MessageDispatcher _dispatcher;
    private readonly Interpreter _interpreter;

    /// <summary>Creates a server for a connection (nothing is bound until <see cref="RunAsync"/>).</summary>
    public KernelServer(ConnectionInfo connection, KernelServerOptions? options = null)
        : this(options ?? new KernelServerOptions(), log => new ZeroMqTransport(connection ?? throw new ArgumentNullException(nameof(connection)), log))
    {
    }

    /// <summary>Creates a server on another transport (the tests' <see cref="InMemoryTransport"/>).</summary>
    internal KernelServer(IKernelTransport transport, KernelServerOptions? options = null)
        : this(options ?? new KernelServerOptions(), _ => transport)
    {
    }

    private KernelServer(KernelServerOptions options, Func<TextWriter, IKernelTransport> transport)
    {
        _log = options.Log ?? Console.Error;
        _transport = transport(_log);
        _sender = new MessageSender(_transport);
        _dispatcher = new MessageDispatcher(_sender, _log, _stop.Token);
        _interpreter = new Interpreter(options.SessionFactory, options.CodeAssistance, options.AfterFirstKernelInfo, options.WarmUpLanguageServices, new CommPublisher(_sender, _dispatcher), _log);
        var stdin = new StdinInput(_sender);

        _dispatcher.Register("kernel_info_request", new KernelInfoHandler(_interpreter));
        _dispatcher.Register("execute_request", new ExecuteHandler(_interpreter, stdin));
        _dispatcher.Register("is_complete_request", new IsCompleteHandler());
        _dispatcher.Register("complete_request", new CompleteHandler(_interpreter));
        _dispatcher.Register("inspect_request", new InspectHandler(_interpreter));
        _dispatcher.Register("history_request", new HistoryHandler(_interpreter));
        _dispatcher.Register("interrupt_request", new InterruptHandler(_interpreter, stdin));
        _dispatcher.Register("shutdown_request", new ShutdownHandler(_interpreter, Stop));
        _dispatcher.Register(PendingOutputsHandler.RequestType, new PendingOutputsHandler(_interpreter));
        var comms = new CommHandler(_interpreter, _log);
        _dispatcher.RegisterComm("comm_open", comms);
        _dispatcher.RegisterComm("comm_msg", comms);
        _dispatcher.RegisterComm("comm_close", comms);
        _dispatcher.RegisterComm("comm_info_request", new CommInfoHandler(_interpreter));
        _dispatcher.RegisterStdin("input_reply", stdin.Answer);
    }

    /// <summary>
    /// Binds the sockets and serves until a <c>shutdown_request</c> arrives or <paramref name="cancellationToken"/>
    /// is cancelled. Returns after the last reply was handed to the transport.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(Stop);
        _dispatcher.Start();
        var serving = _transport.RunAsync(_dispatcher.Receive, _stop.Token);
        _sender.Status("starting", null);
        await Task.WhenAny(serving, Task.Delay(Timeout.Infinite, _stop.Token)).ConfigureAwait(false);

        Stop();
        _dispatcher.Complete();
        // The transport hands on what was sent before the stop (the shutdown_reply); a stuck transport is not waited for long.
        await Task.WhenAny(serving, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None)).ConfigureAwait(false);
        if (serving.IsFaulted)
        {
            await serving.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _transport.Dispose();
        _interpreter.Dispose();
        _stop.Dispose();
    }

    private void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
