using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Language;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>inspect_request</c>: the symbol at the cursor, or the overloads of the call the cursor is in, with their
/// documentation (<see cref="ICodeAssistance.InspectAsync"/>; <c>detail_level</c> 1 says more).
/// </summary>
internal sealed class InspectHandler(Interpreter interpreter) : IMessageHandler
{
    public async Task HandleAsync(KernelRequest request)
    {
        var code = request.Text("code");
        interpreter.PauseWarmUp(); // this request does the loading itself, at once
        var detail = request.Content["detail_level"] is JsonValue level && level.TryGetValue<int>(out var d) ? d : 0;
        var result = await interpreter.Assistance.InspectAsync(code, CompleteHandler.CursorOf(request, code), detail, request.Stopping).ConfigureAwait(false);

        var data = new JsonObject();
        foreach (var (mime, text) in result.Data)
        {
            data[mime] = MimeBundle.IsJsonMime(mime) ? JsonNode.Parse(text) : JsonValue.Create(text);
        }

        var metadata = new JsonObject();
        foreach (var (key, value) in result.Metadata)
        {
            metadata[key] = value switch
            {
                null => null,
                int number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                _ => JsonValue.Create(value.ToString()),
            };
        }

        request.Reply("inspect_reply", new JsonObject { ["status"] = "ok", ["found"] = result.Found, ["data"] = data, ["metadata"] = metadata });
    }
}
