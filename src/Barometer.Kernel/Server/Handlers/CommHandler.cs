using System.Text.Json.Nodes;
using Barometer.Kernel.Comms;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// A front end's <c>comm_open</c>, <c>comm_msg</c> and <c>comm_close</c>, handed to the session's
/// <see cref="CommManager"/> on the dispatcher's comm lane (so also while a cell runs), with their data, metadata and
/// binary buffers. As ipykernel: a <c>comm_open</c> for a target nobody registered is answered with a
/// <c>comm_close</c>; a <c>comm_msg</c> or <c>comm_close</c> for a comm that is not open is ignored; both are logged on
/// the kernel's standard error.
/// </summary>
internal sealed class CommHandler(Interpreter interpreter, TextWriter log) : IMessageHandler
{
    public Task HandleAsync(KernelRequest request)
    {
        var type = request.Message.MessageType;
        var commId = request.Text("comm_id");
        if (commId.Length == 0)
        {
            log.WriteLine($"kernel: {type} without a comm_id ignored.");
            return Task.CompletedTask;
        }

        var message = new CommMessage(
            request.Content["data"] is JsonObject data ? (JsonObject)data.DeepClone() : null,
            (JsonObject)request.Message.Metadata.DeepClone(),
            request.Message.Buffers);
        switch (type)
        {
            case "comm_open":
                var target = request.Text("target_name");
                if (!interpreter.Comms.HandleOpen(commId, target, message))
                {
                    log.WriteLine($"kernel: comm_open for comm {commId}: no comm target '{target}' is registered; the comm was closed.");
                }

                break;
            // Before the session exists no comm is open: a message or close is for an unknown comm.
            case "comm_msg" when interpreter.CurrentSession?.Comms.HandleMessage(commId, message) != true:
                log.WriteLine($"kernel: comm_msg for comm {commId} ignored: no such comm is open.");
                break;
            case "comm_close" when interpreter.CurrentSession?.Comms.HandleClose(commId, message) != true:
                log.WriteLine($"kernel: comm_close for comm {commId} ignored: no such comm is open.");
                break;
        }

        return Task.CompletedTask;
    }
}
