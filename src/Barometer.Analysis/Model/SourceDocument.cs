namespace Barometer.Analysis.Model;

/// <summary>
/// A document that rows cite (a row of <c>data/sources.csv</c>): rows name it by <see cref="Id"/> in their
/// <c>source</c> column and say where in it in their <c>section</c> column. A field the document does not give holds
/// <see cref="NotGiven"/>, and <see cref="Note"/> says why.
/// </summary>
/// <param name="Copy">What the project's copy of the document is and what it gives.</param>
/// <param name="Note">Why a field is not given, and where each value the document does not print comes from.</param>
public sealed record SourceDocument(
    string Id, string Title, string Author, string Publisher, string Date, string Address, string Copy, string Note)
{
    /// <summary>The value of a field the document does not give (author, publisher, date or address).</summary>
    public const string NotGiven = "not given";

    /// <summary>
    /// The full reference: author, title, publisher, date and address, leaving out what is not given (an undated
    /// document says <c>n.d.</c>, as references do).
    /// </summary>
    public string Citation =>
        string.Join(", ", new[] { Known(Author), $"“{Title}”", Known(Publisher), Known(Date) ?? "n.d.", Known(Address) }
            .Where(p => p is not null));

    /// <summary>True when the field's value is <see cref="NotGiven"/>.</summary>
    public static bool IsNotGiven(string value) => value == NotGiven;

    private static string? Known(string value) => IsNotGiven(value) ? null : value;

    /// <summary>The document id of a row's citation <c>&lt;source&gt;#&lt;section&gt;</c>.</summary>
    public static string IdOf(string citation) => citation.IndexOf('#', StringComparison.Ordinal) is var i and >= 0 ? citation[..i] : citation;
}
