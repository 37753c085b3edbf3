using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server.Transport;

namespace Barometer.Kernel.Tests.Server;

public class ZeroMqTransportTests
{
    [Fact]
    public async Task A_transport_disposed_before_its_socket_thread_ends_stops_without_a_failure()
    {
        // The server stops waiting for the socket thread after a few seconds and disposes the transport; under load the
        // thread was still winding down its poller, which then failed on the disposed outgoing queue
        // ("socket thread failed: ObjectDisposedException" at the end of a notebook run in CI).
        var log = new StringWriter();
        using var stop = new CancellationTokenSource();
        var transport = new ZeroMqTransport(ConnectionInfo.CreateWithFreePorts() with { Key = "k" }, log);
        var serving = transport.RunAsync((_, _) => { }, stop.Token);

        transport.Dispose();
        stop.Cancel();
        await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain("socket thread failed", log.ToString());
        transport.Send(KernelChannel.IOPub, JupyterMessage.Create("status", new System.Text.Json.Nodes.JsonObject(), "session")); // ignored once stopped
    }
}
