using System.Text.Json.Nodes;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>barometer_pending_outputs_request</c> (this kernel's own message, on shell, so it comes after every cell sent
/// before it): waits until the session has published the outputs it still owed (charts' PNGs, as
/// <c>update_display_data</c> on iopub), at most <c>timeout</c> seconds (default 120), then replies
/// <c>barometer_pending_outputs_reply</c> with <c>complete</c> true or false. Because the updates are published before
/// this request's <c>idle</c>, a client that waits for that <c>idle</c> has them all. <c>notebooks run</c> sends it
/// before it writes the notebook; other front ends never do.
/// </summary>
internal sealed class PendingOutputsHandler(Interpreter interpreter) : IMessageHandler
{
    public const string RequestType = "barometer_pending_outputs_request";

    public async Task HandleAsync(KernelRequest request)
    {
        var seconds = request.Content["timeout"] is JsonValue v && v.TryGetValue<double>(out var s) && s > 0 ? Math.Min(s, 3600) : 120;
        var complete = interpreter.CurrentSession is not { } session
            || await session.WhenOutputsCompleteAsync(TimeSpan.FromSeconds(seconds), request.Stopping).ConfigureAwait(false);
        request.Reply("barometer_pending_outputs_reply", new JsonObject { ["status"] = "ok", ["complete"] = complete });
    }
}
