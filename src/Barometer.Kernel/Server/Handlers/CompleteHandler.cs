using System.Text.Json.Nodes;
using Barometer.Kernel.Language;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>complete_request</c>: the session's completions at the cursor (<see cref="ICodeAssistance.CompleteAsync"/>), with
/// each match's kind in <c>metadata._jupyter_types_experimental</c>.
/// </summary>
internal sealed class CompleteHandler(Interpreter interpreter) : IMessageHandler
{
    public async Task HandleAsync(KernelRequest request)
    {
        var code = request.Text("code");
        // Not a pause: until the completion service is loaded the request is answered without it (QuickCompletion),
        // so a warm-up in progress, which loads it, goes on.
        interpreter.NoteActivity();
        var result = await interpreter.Assistance.CompleteAsync(code, CursorOf(request, code), request.Stopping).ConfigureAwait(false);
        request.Reply("complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(result.Matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["cursor_start"] = result.CursorStart,
            ["cursor_end"] = result.CursorEnd,
            ["metadata"] = new JsonObject
            {
                ["_jupyter_types_experimental"] = new JsonArray(result.Types.Select(t =>
                {
                    var entry = new JsonObject { ["start"] = t.Start, ["end"] = t.End, ["text"] = t.Text, ["type"] = t.Type };
                    if (t.Signature is not null)
                    {
                        entry["signature"] = t.Signature;
                    }

                    return (JsonNode?)entry;
                }).ToArray()),
            },
        });
    }

    /// <summary>The request's <c>cursor_pos</c> (code points) within the code; the end of the code when missing.</summary>
    internal static int CursorOf(KernelRequest request, string code) =>
        request.Content["cursor_pos"] is JsonValue value && value.TryGetValue<int>(out var cursor) ? Math.Clamp(cursor, 0, code.Length) : code.Length;
}
