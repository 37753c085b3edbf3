namespace Barometer.Analysis.Model;

/// <summary>One event of the security catalogue (Appendix 2), scored twice.</summary>
public sealed record SecurityEvent(
    string Id, int Issue, EventDate Date, string Label, int NationalSecurity, int RegionalTension, string Source,
    bool Hypothetical = false)
{
    /// <summary>The event exactly as the catalogue prints it; null for an event a scenario adds.</summary>
    public string? AsPrinted { get; init; }
}
