namespace Barometer.Analysis.Model;

/// <summary>
/// A document that rows cite (a row of <c>data/sources.csv</c>): rows name it by <see cref="Id"/> in their
/// <c>source</c> column and say where in it in their <c>section</c> column.
/// </summary>
public sealed record SourceDocument(string Id, string Title, string? Author, string? Publisher, string? Date, string? Address, string? Note)
{
    /// <summary>The full citation: author, title, publisher, date and address, as far as known.</summary>
    public string Citation =>
        string.Join(", ", new[] { Author, $"“{Title}”", Publisher, Date, Address }.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>The document id of a row's citation <c>&lt;source&gt;#&lt;section&gt;</c>.</summary>
    public static string IdOf(string citation) => citation.IndexOf('#', StringComparison.Ordinal) is var i and >= 0 ? citation[..i] : citation;
}
