using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Running;

/// <summary>
/// Turns a kernel's iopub messages back into the <see cref="CellEvent"/>s of the execution core (the inverse of what
/// <see cref="Server.KernelServer"/> publishes), so the runner collects outputs the same way from either kind of kernel:
/// <c>execute_input</c>, <c>stream</c>, <c>display_data</c>, <c>update_display_data</c>, <c>execute_result</c>,
/// <c>error</c>, and the comm messages (<see cref="CommSent"/>). Other messages (<c>status</c>, <c>clear_output</c>, the reply) give null.
/// </summary>
internal static class IopubEvents
{
    public static CellEvent? ToCellEvent(JupyterMessage message)
    {
        var content = message.Content;
        return message.MessageType switch
        {
            "execute_input" => new CellStarted(ExecutionCount(message) ?? 0, (string?)content["code"] ?? string.Empty),
            "stream" => new StreamText((string?)content["name"] ?? "stdout", (string?)content["text"] ?? string.Empty),
            "display_data" => new DisplayShown(DisplayId(content) ?? message.MessageId, MimeBundle.FromJson(content["data"] as JsonObject)),
            "update_display_data" when DisplayId(content) is { } id => new DisplayUpdated(id, MimeBundle.FromJson(content["data"] as JsonObject)),
            "execute_result" => new ResultProduced(ExecutionCount(message) ?? 0, MimeBundle.FromJson(content["data"] as JsonObject)),
            "error" => new ErrorRaised(Error(content)),
            "comm_open" or "comm_msg" or "comm_close" => new CommSent(message.MessageType, content, message.Buffers),
            _ => null,
        };
    }

    /// <summary>The <c>execution_count</c> of an <c>execute_input</c>, <c>execute_result</c> or <c>execute_reply</c>.</summary>
    public static int? ExecutionCount(JupyterMessage message) =>
        message.Content["execution_count"] is JsonValue value && value.TryGetValue<int>(out var count) ? count : null;

    private static string? DisplayId(JsonObject content) =>
        content["transient"] is JsonObject transient && transient["display_id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;

    private static CellError Error(JsonObject content)
    {
        var traceback = content["traceback"] is JsonArray lines ? lines.Select(l => (string?)l ?? string.Empty).ToList() : [];
        var kind = Enum.TryParse<CellErrorKind>((string?)content["error_kind"], out var parsed) ? parsed : CellErrorKind.Exception;
        return new CellError(kind, (string?)content["ename"] ?? "Error", (string?)content["evalue"] ?? string.Empty, traceback, Int(content["line"]), Int(content["column"]));
    }

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
