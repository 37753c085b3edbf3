namespace Barometer.Analysis.Model;

/// <summary>What a statement of the report's text says of a catalogued event: the vocabulary of <c>text_statements.csv</c>'s <c>attribute</c>.</summary>
public static class TextAttributes
{
    /// <summary>When the event happened, in the forms of the catalogue dates (<c>15 December</c>, <c>Late December</c>, <c>16-31 December</c>).</summary>
    public const string Date = "date";

    /// <summary>A count of something the catalogue row also names (its <c>unit</c>: vessels, exercises, a package).</summary>
    public const string Amount = "amount";

    /// <summary>Words the text quotes that the catalogue row quotes too.</summary>
    public const string QuotedWords = "quoted_words";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Date, Amount, QuotedWords };
}

/// <summary>
/// A statement of the report's own text (outside its catalogues) about a catalogued event: a row of
/// <c>text_statements.csv</c>, with the words that make it and, where the text needs reading, how it was read.
/// </summary>
/// <param name="TextValue">What the text says: a date in the catalogue's forms, a number, or the quoted words.</param>
/// <param name="Unit">For an amount, what is counted, as the catalogue row names it (singular).</param>
/// <param name="TextAsPrinted">The words of the text that say it, exactly as printed.</param>
/// <param name="Reading">How the text was read into <paramref name="TextValue"/> where it is not explicit.</param>
/// <param name="Source">Citation <c>&lt;source&gt;#&lt;section&gt;</c> of the text.</param>
public sealed record TextStatement(
    string Id, int Issue, string EventId, string Attribute, string TextValue, string? Unit, string TextAsPrinted,
    string? Reading, string Source);
