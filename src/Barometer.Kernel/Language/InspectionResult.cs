namespace Barometer.Kernel.Language;

/// <summary>The reply to an <c>inspect_request</c>: <c>found</c>, <c>data</c> (a MIME bundle) and <c>metadata</c>.</summary>
/// <param name="Found">True when something was found at the cursor.</param>
/// <param name="Data"><c>text/plain</c> and <c>text/markdown</c> renderings (empty when not found).</param>
/// <param name="Metadata">Extra facts: <c>kind</c> (<c>symbol</c> or <c>signature-help</c>), <c>symbol</c> (documentation id), <c>active_parameter</c>.</param>
public sealed record InspectionResult(bool Found, Documents.MimeBundle Data, IReadOnlyDictionary<string, object?> Metadata)
{
    /// <summary>Nothing found.</summary>
    public static InspectionResult NotFound { get; } = new(false, new Documents.MimeBundle(), new Dictionary<string, object?>());
}
