using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Server.Transport;

/// <summary>
/// How the kernel server talks to its front ends (xeus's <c>xserver</c>): it hands over each received message whose
/// signature verified, and sends messages on a channel. <see cref="ZeroMqTransport"/> is the real one (sockets,
/// signing, heartbeat); <see cref="InMemoryTransport"/> connects a test to the server without a process.
/// </summary>
internal interface IKernelTransport : IDisposable
{
    /// <summary>
    /// Serves until <paramref name="cancellationToken"/> is cancelled: every received message that verified goes to
    /// <paramref name="receive"/>, one at a time, on the transport's own thread (it must be quick). The task ends after
    /// the messages sent before the cancellation were handed on.
    /// </summary>
    Task RunAsync(Action<KernelChannel, JupyterMessage> receive, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> on <paramref name="channel"/> (a reply is routed by the request's identities).
    /// Thread-safe; messages from one thread keep their order; after the transport stopped they are dropped.
    /// </summary>
    void Send(KernelChannel channel, JupyterMessage message);
}
