using Barometer.Analysis.Model;

namespace Barometer.Analysis.Indices;

/// <summary>The indices of one relationship: the aggregate (sum of scores) and its positive and negative parts.</summary>
/// <param name="Negative">Sum of the negative scores: zero or below.</param>
public sealed record RelationshipIndex(Partner Partner, int Index, int Positive, int Negative, int Events);

/// <summary>The security indices of an issue and the regional-tension colour.</summary>
public sealed record SecurityIndex(int NationalSecurity, int RegionalTension, ColourBand Colour, int Events);

/// <summary>Everything computed for one issue from its catalogue.</summary>
public sealed record IssueIndices(Issue Issue, IReadOnlyList<RelationshipIndex> Relationships, SecurityIndex Security)
{
    public RelationshipIndex For(string partnerCode) =>
        Relationships.FirstOrDefault(r => r.Partner.Code == partnerCode)
        ?? throw new KeyNotFoundException($"no relationship '{partnerCode}' in issue {Issue.Number}");
}
