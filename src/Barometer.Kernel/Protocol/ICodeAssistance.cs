using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Language;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// Completion and inspection for the kernel server (<c>complete_request</c>, <c>inspect_request</c>): the server passes
/// the code and the cursor (in Unicode code points, as the protocol counts) and answers with what this returns. One
/// instance serves one session (<see cref="KernelServerOptions.CodeAssistance"/> makes it); the kernel's own is
/// <see cref="LanguageService"/> (Roslyn's completion and the session's symbols); <see cref="NoCodeAssistance"/>
/// answers with nothing.
/// </summary>
public interface ICodeAssistance
{
    /// <summary>Completions for <paramref name="code"/> at <paramref name="cursorPosition"/>.</summary>
    Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken);

    /// <summary>Information about the symbol at <paramref name="cursorPosition"/>; <paramref name="detailLevel"/> is 0 or 1.</summary>
    Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken);
}

/// <summary>No completions, nothing found.</summary>
public sealed class NoCodeAssistance : ICodeAssistance
{
    /// <summary>The instance.</summary>
    public static readonly NoCodeAssistance Instance = new();

    /// <inheritdoc />
    public Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken) =>
        Task.FromResult(CompletionResult.Empty(cursorPosition));

    /// <inheritdoc />
    public Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken) =>
        Task.FromResult(InspectionResult.NotFound);
}

/// <summary>The replies' JSON.</summary>
internal static class CodeAssistanceJson
{
    public static JsonObject CompleteReply(CompletionResult result) => new()
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
    };

    public static JsonObject InspectReply(InspectionResult result)
    {
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

        return new JsonObject { ["status"] = "ok", ["found"] = result.Found, ["data"] = data, ["metadata"] = metadata };
    }
}
