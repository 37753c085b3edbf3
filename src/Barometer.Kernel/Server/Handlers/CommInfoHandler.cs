using System.Text.Json.Nodes;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>comm_info_request</c>: the comms open now, <c>{ comm_id: { target_name } }</c>, only those of the request's
/// <c>target_name</c> when it names one (front ends ask for <c>jupyter.widget</c> to restore widgets).
/// </summary>
internal sealed class CommInfoHandler(Interpreter interpreter) : IMessageHandler
{
    public Task HandleAsync(KernelRequest request)
    {
        var target = (string?)request.Content["target_name"];
        var comms = new JsonObject();
        // No session yet: no comm can be open (and none is made just to say so).
        var open = interpreter.CurrentSession?.Comms.OpenComms ?? [];
        foreach (var comm in open.Where(c => target is null || c.TargetName == target).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            comms[comm.Id] = new JsonObject { ["target_name"] = comm.TargetName };
        }

        request.Reply("comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = comms });
        return Task.CompletedTask;
    }
}
