namespace Barometer.Browser;

/// <summary>What a page did: whether it drew a chart, and every JavaScript error it reported.</summary>
public sealed record PageReport(string Url, bool Rendered, string Title, IReadOnlyList<string> Errors);
