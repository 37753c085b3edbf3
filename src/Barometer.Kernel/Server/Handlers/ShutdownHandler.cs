using System.Text.Json.Nodes;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>shutdown_request</c>: interrupts the running cell, replies, and stops the server. As ipykernel, the process ends
/// with <c>restart: true</c> too: the front end (jupyter_client, <c>KernelClient.RestartAsync</c>) starts a fresh kernel
/// process, i.e. a fresh session.
/// </summary>
internal sealed class ShutdownHandler(Interpreter interpreter, Action stop) : IMessageHandler
{
    public Task HandleAsync(KernelRequest request)
    {
        var restart = request.Flag("restart", false);
        interpreter.Interrupt();
        request.Reply("shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        stop();
        return Task.CompletedTask;
    }
}
