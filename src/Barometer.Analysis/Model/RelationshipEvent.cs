namespace Barometer.Analysis.Model;

/// <summary>One scored event of a relationship catalogue (Appendix 1 of a report).</summary>
/// <param name="Id">Stable id <c>&lt;issue&gt;-&lt;partner code&gt;-&lt;nn&gt;</c>, nn the 1-based position as printed.</param>
/// <param name="Hypothetical">True for events added by a what-if scenario, never for catalogue rows.</param>
public sealed record RelationshipEvent(
    string Id, int Issue, string PartnerCode, EventDate Date, string Label, int Score, string Source,
    bool Hypothetical = false)
{
    /// <summary>The event exactly as the catalogue prints it; null for an event a scenario adds.</summary>
    public string? AsPrinted { get; init; }
}
