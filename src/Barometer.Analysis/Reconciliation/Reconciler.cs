using Barometer.Analysis.Indices;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Reconciliation;

/// <summary>Whether a published value agrees with the one computed from the catalogue.</summary>
public enum ReconciliationStatus { Match, Mismatch }

/// <summary>
/// One comparison of a printed value with the value computed from the report's own catalogue.
/// <see cref="Difference"/> is computed − published (null for colours). A mismatch is a finding about the report,
/// never a reason to change the data.
/// </summary>
public sealed record ReconciliationRow(
    string Measure, Partner? Partner, string Published, string Computed, int? Difference,
    ReconciliationStatus Status, string Source, string? Note)
{
    public bool IsMatch => Status == ReconciliationStatus.Match;
}

/// <summary>Compares every published value of an issue with the computed indices.</summary>
internal static class Reconciler
{
    public static IReadOnlyList<ReconciliationRow> Reconcile(IssueIndices computed, IEnumerable<PublishedValue> published) =>
        published
            .Where(p => p.Issue == computed.Issue.Number && p.Series == computed.Issue.Series)
            .Select(p => Compare(computed, p))
            .ToArray();

    private static ReconciliationRow Compare(IssueIndices computed, PublishedValue published)
    {
        if (published.Measure == Measures.RegionalTensionColour)
        {
            var colour = computed.Security.Colour.Colour;
            var same = string.Equals(colour, published.Value, StringComparison.OrdinalIgnoreCase);
            return new ReconciliationRow(published.Measure, null, published.Value, colour, null,
                same ? ReconciliationStatus.Match : ReconciliationStatus.Mismatch, published.Source, published.Note);
        }

        var partner = published.PartnerCode is null ? null : computed.For(published.PartnerCode);
        var value = (published.Measure, partner) switch
        {
            (Measures.Index or Measures.CatalogueTotal, { } p) => p.Index,
            (Measures.Positive, { } p) => p.Positive,
            (Measures.Negative, { } p) => p.Negative,
            (Measures.Index or Measures.CatalogueTotal or Measures.Positive or Measures.Negative, null) =>
                throw new ArgumentException($"published {published.Measure} of issue {published.Issue} names no partner", nameof(published)),
            (Measures.NationalSecurity, _) => computed.Security.NationalSecurity,
            (Measures.RegionalTension, _) => computed.Security.RegionalTension,
            _ => throw new ArgumentException($"unknown measure '{published.Measure}'", nameof(published)),
        };
        var printed = published.NumericValue
            ?? throw new FormatException($"published {published.Measure} '{published.Value}' is not an integer");
        var difference = value - printed;
        return new ReconciliationRow(published.Measure, partner?.Partner, published.Value,
            value.ToString(System.Globalization.CultureInfo.InvariantCulture), difference,
            difference == 0 ? ReconciliationStatus.Match : ReconciliationStatus.Mismatch, published.Source, published.Note);
    }
}
