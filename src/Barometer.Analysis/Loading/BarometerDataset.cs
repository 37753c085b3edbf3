using Barometer.Analysis.Model;

namespace Barometer.Analysis.Loading;

/// <summary>Every Barometer table of <c>data/barometer/</c>, loaded and validated.</summary>
public sealed record BarometerDataset(
    IReadOnlyList<Issue> Issues,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<RelationshipEvent> RelationshipEvents,
    IReadOnlyList<SecurityEvent> SecurityEvents,
    IReadOnlyList<PublishedValue> PublishedValues,
    ColourScale ColourScale)
{
    /// <summary>The plausible range of each score column, from the descriptor (unbounded when it declares none).</summary>
    public ScoreRanges ScoreRanges { get; init; } = ScoreRanges.Unbounded;

    /// <summary>The documents rows cite (<c>sources.csv</c>), each a full citation.</summary>
    public IReadOnlyList<SourceDocument> Sources { get; init; } = [];

    /// <summary>What the reports' own text says of catalogued events (<c>text_statements.csv</c>): dates, amounts, quoted words.</summary>
    public IReadOnlyList<TextStatement> TextStatements { get; init; } = [];

    /// <summary>The reports' narrative (<c>narrative.csv</c>): the editor's summaries, trends and forecasts.</summary>
    public IReadOnlyList<NarrativeStatement> Narrative { get; init; } = [];

    /// <summary>The document a row's citation (<c>&lt;source&gt;#&lt;section&gt;</c>) names, or null.</summary>
    public SourceDocument? SourceOf(string citation) => Sources.FirstOrDefault(s => s.Id == SourceDocument.IdOf(citation));

    public Issue? FindIssue(int number, string series = Series.MinskBarometer) =>
        Issues.FirstOrDefault(i => i.Number == number && i.Series == series);

    /// <exception cref="UnknownIssueException">The data have no such issue.</exception>
    public Issue GetIssue(int number, string series = Series.MinskBarometer) =>
        FindIssue(number, series) ?? throw new UnknownIssueException(number,
            $"no {series} issue {number} in issues.csv (known: {string.Join(", ", Issues.Where(i => i.Series == series).Select(i => i.Number))})");

    /// <summary>The catalogue of one issue: its relationship and security events, in catalogue order.</summary>
    /// <exception cref="UnknownIssueException">The issue is not in the data, or has no scored events.</exception>
    public IssueCatalogue Catalogue(int issue)
    {
        var known = GetIssue(issue);
        if (!HasCatalogue(issue))
        {
            throw new UnknownIssueException(issue,
                $"issue {issue} has no event catalogue in data/barometer/ " +
                (PublishedFor(issue).Count > 0 ? "(only published values)" : "(and no published values)") +
                $"; issues with catalogues: {string.Join(", ", IssuesWithCatalogue)}");
        }

        return new IssueCatalogue(
            known,
            Partners,
            RelationshipEvents.Where(e => e.Issue == issue).ToArray(),
            SecurityEvents.Where(e => e.Issue == issue).ToArray())
        {
            ScoreRanges = ScoreRanges,
        };
    }

    /// <summary>True when the data hold scored events for the issue (not only published values).</summary>
    public bool HasCatalogue(int issue) =>
        RelationshipEvents.Any(e => e.Issue == issue) || SecurityEvents.Any(e => e.Issue == issue);

    /// <summary>The issues that have scored events (relationship or security), in ascending order.</summary>
    public IReadOnlyList<int> IssuesWithCatalogue =>
        RelationshipEvents.Select(e => e.Issue).Concat(SecurityEvents.Select(e => e.Issue)).Distinct().Order().ToArray();

    public IReadOnlyList<PublishedValue> PublishedFor(int issue, string series = Series.MinskBarometer) =>
        PublishedValues.Where(v => v.Issue == issue && v.Series == series).ToArray();
}

/// <summary>The scored events of one issue. Immutable: scenarios derive new catalogues from it.</summary>
public sealed record IssueCatalogue(
    Issue Issue,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<RelationshipEvent> RelationshipEvents,
    IReadOnlyList<SecurityEvent> SecurityEvents)
{
    /// <summary>The plausible range of each score: scenarios refuse a score outside it.</summary>
    public ScoreRanges ScoreRanges { get; init; } = ScoreRanges.Unbounded;
}

/// <summary>An issue the data cannot answer for: not in <c>issues.csv</c>, or without scored events. Bad input, not a bug.</summary>
public sealed class UnknownIssueException(int issue, string message) : Exception(message)
{
    public int Issue { get; } = issue;
}
