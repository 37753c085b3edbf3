using Barometer.Analysis.Indices;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Figures;

/// <summary>Where a value across issues comes from.</summary>
internal enum ValueOrigin
{
    /// <summary>No value is known for that issue.</summary>
    None,
    /// <summary>Computed from the issue's catalogue of events.</summary>
    Computed,
    /// <summary>Only printed by the publisher (no catalogue in the data).</summary>
    Published,
}

/// <summary>One issue's value of one measure: a number, or for the regional tension possibly only a colour.</summary>
internal sealed record TimelinePoint(Issue Issue, int? Value, string? Colour, ValueOrigin Origin, string? Source)
{
    public bool HasValue => Value is not null;
}

/// <summary>
/// The issues of the series, oldest first, with each measure's value per issue: computed from the catalogue where the
/// data hold one (the reproduced issue's own results are used as given), else the published value, else nothing.
/// </summary>
internal sealed record IssueTimeline(
    IReadOnlyList<Issue> Issues,
    IReadOnlyList<Partner> Partners,
    IReadOnlyDictionary<string, IReadOnlyList<TimelinePoint>> PartnerIndex,
    IReadOnlyList<TimelinePoint> NationalSecurity,
    IReadOnlyList<TimelinePoint> RegionalTension)
{
    public static IssueTimeline Build(IssueReproduction reproduction, BarometerDataset dataset)
    {
        var current = reproduction.Indices.Issue;
        var issues = dataset.Issues.Where(i => i.Series == current.Series).OrderBy(i => i.Period.Start).ToArray();
        var computed = issues.ToDictionary(i => i.Number, i =>
            i.Number == current.Number ? reproduction.Indices
            : dataset.HasCatalogue(i.Number) ? IndexCalculator.Compute(dataset.Catalogue(i.Number), dataset.ColourScale)
            : null);
        var published = dataset.PublishedValues.Where(v => v.Series == current.Series).ToLookup(v => v.Issue);

        PublishedValue? Find(int issue, string measure, string? partner = null) =>
            published[issue].FirstOrDefault(v => v.Measure == measure && v.PartnerCode == partner);

        TimelinePoint FromPublished(Issue issue, PublishedValue? value) =>
            value?.NumericValue is { } n
                ? new TimelinePoint(issue, n, null, ValueOrigin.Published, value.Source)
                : new TimelinePoint(issue, null, null, ValueOrigin.None, null);

        var partners = dataset.Partners;
        var partnerIndex = partners.ToDictionary(p => p.Code, p => (IReadOnlyList<TimelinePoint>)issues.Select(i =>
            computed[i.Number] is { } c && c.Relationships.FirstOrDefault(r => r.Partner.Code == p.Code) is { } r
                ? new TimelinePoint(i, r.Index, null, ValueOrigin.Computed, "catalogue")
                : FromPublished(i, Find(i.Number, Measures.Index, p.Code) ?? Find(i.Number, Measures.CatalogueTotal, p.Code))).ToArray());

        var national = issues.Select(i => computed[i.Number] is { } c
            ? new TimelinePoint(i, c.Security.NationalSecurity, null, ValueOrigin.Computed, "catalogue")
            : FromPublished(i, Find(i.Number, Measures.NationalSecurity))).ToArray();

        var regional = issues.Select(i =>
        {
            if (computed[i.Number] is { } c)
            {
                return new TimelinePoint(i, c.Security.RegionalTension, c.Security.Colour.Colour, ValueOrigin.Computed, "catalogue");
            }

            var number = Find(i.Number, Measures.RegionalTension);
            var colour = Find(i.Number, Measures.RegionalTensionColour);
            if (number?.NumericValue is { } n)
            {
                return new TimelinePoint(i, n, colour?.Value ?? dataset.ColourScale.Classify(n).Colour, ValueOrigin.Published, number.Source);
            }

            return colour is not null
                ? new TimelinePoint(i, null, colour.Value, ValueOrigin.Published, colour.Source)
                : new TimelinePoint(i, null, null, ValueOrigin.None, null);
        }).ToArray();

        return new IssueTimeline(issues, partners, partnerIndex, national, regional);
    }
}
