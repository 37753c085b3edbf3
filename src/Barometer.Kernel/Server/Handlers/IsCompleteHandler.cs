using System.Text.Json.Nodes;
using Barometer.Kernel.Language;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>is_complete_request</c> (<c>jupyter console</c> asks before running a line): <c>complete</c>, <c>incomplete</c> with
/// an indent, or <c>invalid</c>, from a syntax-only check that needs no session.
/// </summary>
internal sealed class IsCompleteHandler : IMessageHandler
{
    public Task HandleAsync(KernelRequest request)
    {
        var completeness = LanguageService.CheckCompleteness(request.Text("code"));
        var reply = new JsonObject { ["status"] = completeness.StatusText };
        if (completeness.Status == CompletenessStatus.Incomplete)
        {
            reply["indent"] = completeness.Indent;
        }

        request.Reply("is_complete_reply", reply);
        return Task.CompletedTask;
    }
}
