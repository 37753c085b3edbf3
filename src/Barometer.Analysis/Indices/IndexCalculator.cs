using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Indices;

/// <summary>
/// Computes an issue's indices the way the Barometer defines them: a relationship's index is the sum of its events'
/// scores; positive and negative points are the sums of the positive and of the negative scores; the security indices
/// are the sums of the two security scores, and the regional-tension sum is placed on the colour scale.
/// </summary>
public static class IndexCalculator
{
    /// <summary>Computes every index of <paramref name="catalogue"/>; partners without events score zero.</summary>
    public static IssueIndices Compute(IssueCatalogue catalogue, ColourScale scale)
    {
        var byPartner = catalogue.RelationshipEvents.ToLookup(e => e.PartnerCode);
        var relationships = catalogue.Partners
            .Select(p => Relationship(p, byPartner[p.Code]))
            .ToArray();
        return new IssueIndices(catalogue.Issue, relationships, Security(catalogue.SecurityEvents, scale));
    }

    public static RelationshipIndex Relationship(Partner partner, IEnumerable<RelationshipEvent> events)
    {
        long positive = 0, negative = 0;
        var count = 0;
        foreach (var e in events)
        {
            Points.Add<long>(e.Score, ref positive, ref negative);
            count++;
        }
        return new RelationshipIndex(partner, Points.ToInt(positive + negative), Points.ToInt(positive), Points.ToInt(negative), count);
    }

    public static SecurityIndex Security(IEnumerable<SecurityEvent> events, ColourScale scale)
    {
        long national = 0, regional = 0;
        var count = 0;
        foreach (var e in events)
        {
            national += e.NationalSecurity;
            regional += e.RegionalTension;
            count++;
        }
        var regionalTension = Points.ToInt(regional);
        return new SecurityIndex(Points.ToInt(national), regionalTension, scale.Classify(regionalTension), count);
    }
}
