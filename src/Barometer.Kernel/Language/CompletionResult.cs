namespace Barometer.Kernel.Language;

/// <summary>The reply to a <c>complete_request</c>: <c>matches</c>, <c>cursor_start</c>, <c>cursor_end</c> and <c>metadata._jupyter_types_experimental</c>.</summary>
/// <param name="Matches">The texts to offer, best first.</param>
/// <param name="CursorStart">Start of the text the matches replace, in code points.</param>
/// <param name="CursorEnd">End of that text (the cursor), in code points.</param>
/// <param name="Types">One entry per match, same order.</param>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd, IReadOnlyList<CompletionMatch> Types)
{
    /// <summary>No matches at <paramref name="cursor"/>.</summary>
    public static CompletionResult Empty(int cursor) => new([], cursor, cursor, []);
}
