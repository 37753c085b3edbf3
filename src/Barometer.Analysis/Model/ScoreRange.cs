using System.Globalization;

namespace Barometer.Analysis.Model;

/// <summary>The plausible values of one kind of score, both ends inclusive (see the score range in <c>data/README.md</c>).</summary>
public readonly record struct ScoreRange(int Min, int Max)
{
    /// <summary>Any 32-bit value: no range declared.</summary>
    public static ScoreRange Unbounded => new(int.MinValue, int.MaxValue);

    public bool Contains(int score) => score >= Min && score <= Max;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min:+0;-0;0}..{Max:+0;-0;0}");
}

/// <summary>
/// The plausible range of each score column, as <c>datapackage.json</c> declares it (<c>constraints.minimum</c> and
/// <c>maximum</c> of <c>relationship_events.score</c>, <c>security_events.national_security</c> and <c>regional_tension</c>).
/// </summary>
public sealed record ScoreRanges(ScoreRange Score, ScoreRange NationalSecurity, ScoreRange RegionalTension)
{
    /// <summary>No range declared: any 32-bit score (for catalogues built in code).</summary>
    public static ScoreRanges Unbounded { get; } = new(ScoreRange.Unbounded, ScoreRange.Unbounded, ScoreRange.Unbounded);
}
