namespace Barometer.Kernel.Language;

/// <summary>One completion match in the shape of Jupyter's <c>_jupyter_types_experimental</c> entries.</summary>
/// <param name="Start">Start of the replaced text, in code points.</param>
/// <param name="End">End of the replaced text, in code points.</param>
/// <param name="Text">The text to insert.</param>
/// <param name="Type">Its kind: <c>method</c>, <c>property</c>, <c>field</c>, <c>local</c>, <c>parameter</c>, <c>class</c>, <c>struct</c>, <c>interface</c>, <c>enum</c>, <c>keyword</c>, <c>namespace</c>, …</param>
/// <param name="Signature">A one-line signature when known, else null.</param>
public sealed record CompletionMatch(int Start, int End, string Text, string Type, string? Signature = null);

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

/// <summary>The reply to an <c>inspect_request</c>: <c>found</c>, <c>data</c> (a MIME bundle) and <c>metadata</c>.</summary>
/// <param name="Found">True when something was found at the cursor.</param>
/// <param name="Data"><c>text/plain</c> and <c>text/markdown</c> renderings (empty when not found).</param>
/// <param name="Metadata">Extra facts: <c>kind</c> (<c>symbol</c> or <c>signature-help</c>), <c>symbol</c> (documentation id), <c>active_parameter</c>.</param>
public sealed record InspectionResult(bool Found, Documents.MimeBundle Data, IReadOnlyDictionary<string, object?> Metadata)
{
    /// <summary>Nothing found.</summary>
    public static InspectionResult NotFound { get; } = new(false, new Documents.MimeBundle(), new Dictionary<string, object?>());
}

/// <summary>Jupyter's <c>is_complete_reply</c> statuses.</summary>
public enum CompletenessStatus
{
    /// <summary>The code can run as it is.</summary>
    Complete,

    /// <summary>More lines are needed (an open block, an unfinished statement).</summary>
    Incomplete,

    /// <summary>The code is complete but has a syntax error that more text cannot fix.</summary>
    Invalid,

    /// <summary>Cannot tell.</summary>
    Unknown,
}

/// <summary>The reply to an <c>is_complete_request</c>.</summary>
/// <param name="Status">complete / incomplete / invalid / unknown.</param>
/// <param name="Indent">For <see cref="CompletenessStatus.Incomplete"/>: the whitespace to start the next line with.</param>
public sealed record CompletenessResult(CompletenessStatus Status, string Indent)
{
    /// <summary>The protocol's status string (<c>complete</c>, <c>incomplete</c>, <c>invalid</c>, <c>unknown</c>).</summary>
    public string StatusText => Status.ToString().ToLowerInvariant();
}
