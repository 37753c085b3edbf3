using System.Text.Json.Nodes;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>history_request</c>: <c>tail</c>, <c>range</c> and <c>search</c> over this kernel's inputs (<see cref="ExecutionHistory"/>).
/// Needs no session, so it is answered at once also while Roslyn is still loading.
/// </summary>
internal sealed class HistoryHandler(Interpreter interpreter) : IMessageHandler
{
    public Task HandleAsync(KernelRequest request)
    {
        request.Reply("history_reply", new JsonObject { ["status"] = "ok", ["history"] = interpreter.History.Query(request.Content) });
        return Task.CompletedTask;
    }
}
