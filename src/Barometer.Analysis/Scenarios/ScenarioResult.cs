using Barometer.Analysis.Indices;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Scenarios;

/// <summary>One numeric measure before and after a scenario.</summary>
/// <param name="Measure">A <see cref="Measures"/> name: index, positive, negative, national_security, regional_tension.</param>
/// <param name="PartnerCode">The relationship for partner measures; null for the security measures.</param>
public sealed record MeasureComparison(string Measure, string? PartnerCode, int Baseline, int Scenario)
{
    public int Delta => Scenario - Baseline;
    public bool Changed => Delta != 0;
}

/// <summary>
/// The regional-tension colour before and after, with the distance to the next colour on each side
/// (see <see cref="ColourScale.DistanceToNextColour"/>) under the scale in force on that side.
/// </summary>
public sealed record ColourComparison(
    string Baseline, string Scenario,
    (int? ToMoreSevere, int? ToLessSevere) BaselineDistance,
    (int? ToMoreSevere, int? ToLessSevere) ScenarioDistance)
{
    public bool Changed => !string.Equals(Baseline, Scenario, StringComparison.Ordinal);
}

/// <summary>The scores of an event: <see cref="Score"/> for a relationship event, the two others for a security event.</summary>
public sealed record EventScores(int? Score, int? NationalSecurity, int? RegionalTension)
{
    public static EventScores Of(RelationshipEvent e) => new(e.Score, null, null);
    public static EventScores Of(SecurityEvent e) => new(null, e.NationalSecurity, e.RegionalTension);

    public override string ToString() => Score is { } s
        ? $"score {s:+0;-0;0}"
        : $"national security {NationalSecurity:+0;-0;0}, regional tension {RegionalTension:+0;-0;0}";
}

/// <summary>
/// A change as it was applied: which event (its final id, e.g. <c>18-EU-H1</c> for an added one), its scores before
/// and after (null before for an addition, null after for a removal), and whether the event is hypothetical.
/// </summary>
/// <param name="PartnerCode">The partner of a relationship event, <c>SEC</c> for a security event, null for thresholds.</param>
public sealed record AppliedChange(
    string Kind, string? EventId, string? PartnerCode, string? Date, string? Label, bool Hypothetical,
    EventScores? Before, EventScores? After, string Description, SourcePosition Position);

/// <summary>A scenario applied to its issue: both catalogues, both colour scales, both sets of indices and their comparison.</summary>
public sealed record ScenarioResult(
    Scenario Scenario,
    IssueCatalogue BaselineCatalogue,
    IssueCatalogue ScenarioCatalogue,
    ColourScale BaselineScale,
    ColourScale ScenarioScale,
    IssueIndices Baseline,
    IssueIndices Outcome,
    IReadOnlyList<AppliedChange> AppliedChanges,
    IReadOnlyList<MeasureComparison> Measures,
    ColourComparison Colour)
{
    /// <summary>The comparison of one measure, e.g. <c>Get(Measures.Index, "US")</c> or <c>Get(Measures.RegionalTension)</c>.</summary>
    public MeasureComparison Get(string measure, string? partnerCode = null) =>
        Measures.FirstOrDefault(m => m.Measure == measure && m.PartnerCode == partnerCode)
        ?? throw new KeyNotFoundException($"no measure '{measure}'{(partnerCode is null ? "" : $" for '{partnerCode}'")} in the scenario result");

    /// <summary>The measures the scenario moved.</summary>
    public IEnumerable<MeasureComparison> ChangedMeasures => Measures.Where(m => m.Changed);

    /// <summary>True when the scenario replaced the colour scale.</summary>
    public bool ThresholdsChanged => !ReferenceEquals(BaselineScale, ScenarioScale);
}

/// <summary>The outcome of running a scenario: the result when the scenario fits the data, and every problem found.</summary>
public sealed record ScenarioOutcome(ScenarioResult? Result, IReadOnlyList<DataError> Errors)
{
    public bool Ok => Errors.Count == 0 && Result is not null;
    public ScenarioResult OrThrow() => Ok ? Result! : throw new DataValidationException(Errors);
}
