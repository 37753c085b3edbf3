using System.Text.Json.Nodes;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>interrupt_request</c> (the kernelspec's <c>interrupt_mode</c> is <c>message</c>): cancels the running cell's
/// <c>CancellationToken</c> global (a cell that does not stop is abandoned after a grace period) and a pending input
/// request.
/// </summary>
internal sealed class InterruptHandler(Interpreter interpreter, StdinInput stdin) : IMessageHandler
{
    public Task HandleAsync(KernelRequest request)
    {
        interpreter.Interrupt();
        stdin.Cancel();
        request.Reply("interrupt_reply", new JsonObject { ["status"] = "ok" });
        return Task.CompletedTask;
    }
}
