using System.Runtime.InteropServices;

namespace Barometer.Cli.Tests;

/// <summary>
/// A signal dispatched after the command ended (a front end's SIGTERM racing the kernel's own exit after a
/// <c>shutdown_request</c>) used to throw <see cref="ObjectDisposedException"/> on the signal thread, which printed an
/// unhandled-exception report as the kernel ended. Only the disposed path is tested in process: a first signal before
/// the end starts the grace timer that ends the process.
/// </summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public void A_signal_after_the_command_ended_keeps_its_default_action_and_does_not_throw(PosixSignal signal)
    {
        var cancellation = new Cancellation();
        var token = cancellation.Token;
        cancellation.Dispose();
        var context = new PosixSignalContext(signal);

        var thrown = Record.Exception(() => cancellation.OnSignal(context));

        Assert.Null(thrown);
        Assert.False(context.Cancel);
        Assert.False(token.IsCancellationRequested);
    }
}
