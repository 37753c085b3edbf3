namespace Barometer.Analysis.Model;

/// <summary>What a statement of a report's narrative is: the vocabulary of <c>narrative.csv</c>'s <c>kind</c>.</summary>
internal static class NarrativeKinds
{
    /// <summary>The editor's summary of the relationship in the opening letter, word for word.</summary>
    public const string Summary = "summary";

    /// <summary>One numbered item of the section's "Trends", in short paraphrase.</summary>
    public const string Trend = "trend";

    /// <summary>One point of the section's "Forecast", in short paraphrase.</summary>
    public const string Forecast = "forecast";
}

/// <summary>
/// One statement of a report's narrative about a relationship or about security (a row of <c>narrative.csv</c>):
/// the editor's summary as printed, or a trend or forecast in short paraphrase.
/// </summary>
/// <param name="Subject">A partner code, or <see cref="Security"/>.</param>
/// <param name="Number">The statement's position among those of its kind (1-based, as printed).</param>
/// <param name="Source">Citation <c>&lt;source&gt;#&lt;section&gt;</c>.</param>
public sealed record NarrativeStatement(int Issue, string Subject, string Kind, int Number, string Text, string Source)
{
    /// <summary>The subject of the security section's statements.</summary>
    public const string Security = "security";
}
