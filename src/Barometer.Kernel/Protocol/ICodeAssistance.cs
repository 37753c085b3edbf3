using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>Completions at a cursor: the matches and the span of code they replace.</summary>
/// <param name="Matches">Candidate texts.</param>
/// <param name="CursorStart">Start of the replaced span (in code units of the code).</param>
/// <param name="CursorEnd">End of the replaced span.</param>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

/// <summary>What the code at a cursor is, as a MIME bundle (e.g. <c>text/plain</c> signature and docs).</summary>
/// <param name="Found">False when there is nothing to show.</param>
/// <param name="Data">MIME type → text.</param>
public sealed record InspectionResult(bool Found, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// The seam for completion and inspection (<c>complete_request</c>, <c>inspect_request</c>): the kernel server
/// passes the code and cursor position and answers with what this returns. <see cref="NoCodeAssistance"/> answers
/// with nothing; a richer implementation (e.g. Roslyn's completion service) plugs in through
/// <see cref="KernelServerOptions.CodeAssistance"/>.
/// </summary>
public interface ICodeAssistance
{
    /// <summary>Completions for <paramref name="code"/> at <paramref name="cursorPosition"/>.</summary>
    Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken);

    /// <summary>Information about the symbol at <paramref name="cursorPosition"/>; <paramref name="detailLevel"/> is 0 or 1.</summary>
    Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken);
}

/// <summary>No completions, nothing found: the answer until a real implementation is plugged in.</summary>
public sealed class NoCodeAssistance : ICodeAssistance
{
    /// <summary>The instance.</summary>
    public static readonly NoCodeAssistance Instance = new();

    /// <inheritdoc />
    public Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken) =>
        Task.FromResult(new CompletionResult([], cursorPosition, cursorPosition));

    /// <inheritdoc />
    public Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken) =>
        Task.FromResult(new InspectionResult(false, new Dictionary<string, string>()));
}

/// <summary>JSON for the seam's answers.</summary>
internal static class CodeAssistanceJson
{
    public static JsonObject CompleteReply(CompletionResult result) => new()
    {
        ["status"] = "ok",
        ["matches"] = new JsonArray(result.Matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        ["cursor_start"] = result.CursorStart,
        ["cursor_end"] = result.CursorEnd,
        ["metadata"] = new JsonObject(),
    };

    public static JsonObject InspectReply(InspectionResult result)
    {
        var data = new JsonObject();
        foreach (var (mime, text) in result.Data)
        {
            data[mime] = text;
        }

        return new JsonObject { ["status"] = "ok", ["found"] = result.Found, ["data"] = data, ["metadata"] = new JsonObject() };
    }
}
