namespace Barometer.Analysis.Scenarios;

/// <summary>Where something was written in a scenario file: 1-based line and column; <see cref="None"/> (0, 0) when unknown.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static SourcePosition None => default;
    public bool IsKnown => Line > 0;
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// A what-if scenario: a base issue and an ordered list of changes applied to an immutable copy of its catalogue.
/// The shipped data are never modified. Build one in code, or read it from YAML with <see cref="ScenarioReader"/>.
/// </summary>
/// <param name="Name">A short title, e.g. "Without the December sanctions".</param>
/// <param name="Issue">The Minsk Barometer issue the scenario starts from.</param>
/// <param name="Changes">Applied in order: a later change sees the effect of the earlier ones.</param>
/// <param name="Description">Optional longer text: what the scenario asks.</param>
/// <param name="File">The file the scenario was read from (as displayed in errors), or null when built in code.</param>
public sealed record Scenario(
    string Name, int Issue, IReadOnlyList<ScenarioChange> Changes, string? Description = null, string? File = null)
{
    public SourcePosition IssuePosition { get; init; }
}

/// <summary>One change of a scenario. <see cref="Position"/> locates it in its file for error messages.</summary>
public abstract record ScenarioChange
{
    /// <summary>Where the change (or, for a removal, the id) starts in the scenario file.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>Positions of individual fields (keys as written in YAML, e.g. <c>date</c>, <c>partner</c>), where known.</summary>
    public IReadOnlyDictionary<string, SourcePosition> FieldPositions { get; init; } =
        new Dictionary<string, SourcePosition>();

    /// <summary>The position of <paramref name="field"/>'s value, else of the change.</summary>
    public SourcePosition PositionOf(string field) =>
        FieldPositions.TryGetValue(field, out var p) && p.IsKnown ? p : Position;

    /// <summary>The kind as written in YAML: remove, rescore, add or thresholds.</summary>
    public abstract string Kind { get; }
}

/// <summary>Removes one event (relationship or security) by id. YAML <c>remove: [a, b]</c> yields one per id.</summary>
public sealed record RemoveEvent(string Id) : ScenarioChange
{
    public override string Kind => "remove";
}

/// <summary>
/// Gives an event new scores. For a relationship event set <see cref="Score"/>; for a security event set
/// <see cref="NationalSecurity"/> and/or <see cref="RegionalTension"/> (an unset one keeps its value).
/// </summary>
public sealed record RescoreEvent(string Id, int? Score = null, int? NationalSecurity = null, int? RegionalTension = null)
    : ScenarioChange
{
    public override string Kind => "rescore";
}

/// <summary>Adds a hypothetical relationship event; it gets an id <c>&lt;issue&gt;-&lt;partner&gt;-H&lt;n&gt;</c>.</summary>
/// <param name="Date">As in the catalogue ("20 December", "Early December") or ISO (2020-12-20); must lie in the issue's period.</param>
internal sealed record AddRelationshipEvent(string PartnerCode, string Date, string Label, int Score) : ScenarioChange
{
    public override string Kind => "add";
}

/// <summary>Adds a hypothetical security event; it gets an id <c>&lt;issue&gt;-SEC-H&lt;n&gt;</c>.</summary>
internal sealed record AddSecurityEvent(string Date, string Label, int NationalSecurity, int RegionalTension) : ScenarioChange
{
    public override string Kind => "add";
}

/// <summary>
/// Replaces the regional-tension colour scale by an alternative one. Bands are listed from the least severe
/// (highest values) to the most severe; the documented gap rule of <see cref="Model.ColourScale"/> still applies.
/// </summary>
internal sealed record ReplaceThresholds(IReadOnlyList<ThresholdBand> Bands) : ScenarioChange
{
    public override string Kind => "thresholds";
}

/// <summary>One band of an alternative colour scale; null bounds are open.</summary>
internal sealed record ThresholdBand(string Colour, int? Min, int? Max)
{
    public SourcePosition Position { get; init; }

    public override string ToString() => (Min, Max) switch
    {
        (null, null) => $"{Colour}: any value",
        (null, { } max) => $"{Colour}: {max} and lower",
        ({ } min, null) => $"{Colour}: {min} and higher",
        ({ } min, { } max) => $"{Colour}: {min} to {max}",
    };
}
