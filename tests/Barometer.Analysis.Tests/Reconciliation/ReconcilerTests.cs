using Barometer.Analysis.Model;
using Barometer.Analysis.Reconciliation;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Reconciliation;

public class ReconcilerTests
{
    private static IssueReproduction Issue18 => IssueReproduction.Reproduce(RepoData.Dataset, 18);

    [Fact]
    public void Every_published_value_of_the_issue_is_compared_once()
    {
        var published = RepoData.Dataset.PublishedFor(18);
        Assert.Equal(published.Count, Issue18.Reconciliation.Count);
        Assert.Equal(published.Select(p => p.Source), Issue18.Reconciliation.Select(r => r.Source));
    }

    [Fact]
    public void Reports_exactly_the_places_where_the_report_disagrees_with_its_catalogues()
    {
        var mismatches = Issue18.Mismatches
            .Select(r => $"{r.Measure} {r.Partner?.Code}: published {r.Published}, computed {r.Computed}, difference {r.Difference}")
            .ToArray();
        Assert.Equal([
            "positive RU: published 18, computed 17, difference -1",
            "negative RU: published -4, computed -3, difference 1",
            "index US: published -14, computed -16, difference -2",
            "negative US: published -20, computed -22, difference -2",
            "catalogue_total US: published -14, computed -16, difference -2",
        ], mismatches);
    }

    [Fact]
    public void Every_row_cites_a_section_of_a_document_with_a_full_citation()
    {
        Assert.All(Issue18.Reconciliation, r => Assert.StartsWith("minsk-barometer-18#", r.Source));
        var source = Assert.Single(Issue18.Sources);
        Assert.Equal("minsk-barometer-18", source.Id);
        Assert.Contains("Minsk Barometer: Monitoring of foreign policy and regional security, No 18", source.Citation);
        Assert.Contains("Minsk Dialogue Council on International Relations", source.Citation);
    }

    [Fact]
    public void Colour_is_compared_as_text_without_a_difference()
    {
        var colour = Assert.Single(Issue18.Reconciliation, r => r.Measure == Measures.RegionalTensionColour);
        Assert.Equal(("Yellow", "Yellow", (int?)null, ReconciliationStatus.Match), (colour.Published, colour.Computed, colour.Difference, colour.Status));
    }

    [Fact]
    public void A_changed_catalogue_turns_matches_into_findings()
    {
        var data = RepoData.Dataset;
        var catalogue = data.Catalogue(18);
        var lessChina = catalogue with { RelationshipEvents = catalogue.RelationshipEvents.Where(e => e.Id != "18-CN-01").ToArray() };
        var indices = Barometer.Analysis.Indices.IndexCalculator.Compute(lessChina, data.ColourScale);
        var rows = Reconciler.Reconcile(indices, data.PublishedFor(18));
        var chinaIndex = Assert.Single(rows, r => r.Measure == Measures.Index && r.Partner?.Code == "CN");
        Assert.Equal((ReconciliationStatus.Mismatch, (int?)-1), (chinaIndex.Status, chinaIndex.Difference));
    }

    [Fact]
    public void An_issue_without_a_catalogue_is_refused_with_a_reason()
    {
        var e = Assert.Throws<Barometer.Analysis.Loading.UnknownIssueException>(() => IssueReproduction.Reproduce(RepoData.Dataset, 20));
        Assert.Contains("no event catalogue", e.Message);
        Assert.Contains("(only published values)", e.Message);
        Assert.Equal(20, e.Issue);
    }

    [Fact]
    public void An_issue_the_data_do_not_know_is_refused_without_claiming_published_values()
    {
        var e = Assert.Throws<Barometer.Analysis.Loading.UnknownIssueException>(() => IssueReproduction.Reproduce(RepoData.Dataset, 99));
        Assert.Contains("no minsk_barometer issue 99 in issues.csv", e.Message);
        Assert.DoesNotContain("published values", e.Message);
    }

    [Fact]
    public void A_partner_measure_without_a_partner_is_refused_by_name_not_a_null_dereference()
    {
        var indices = Issue18.Indices;
        var orphan = new PublishedValue(Series.MinskBarometer, 18, Measures.Positive, null, "3", "test", null);
        var e = Assert.Throws<ArgumentException>(() => Reconciler.Reconcile(indices, [orphan]));
        Assert.Contains("positive of issue 18 names no partner", e.Message);
    }
}
