using Barometer.Analysis.Model;
using Barometer.Analysis.Reconciliation;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Reconciliation;

/// <summary>The report's text against its own catalogue: dates, amounts and quoted words of catalogued events.</summary>
public class TextReconcilerTests
{
    private static IssueReproduction Issue18 => IssueReproduction.Reproduce(RepoData.Dataset, 18);

    [Fact]
    public void Every_statement_of_the_issue_is_compared_once()
    {
        var statements = RepoData.Dataset.TextStatements.Where(s => s.Issue == 18).ToArray();
        Assert.True(statements.Length > 60, $"{statements.Length} statements");
        Assert.Equal(statements.Select(s => s.Id), Issue18.TextReconciliation.Select(c => c.Statement.Id));
    }

    [Fact]
    public void Reports_exactly_the_places_where_the_text_disagrees_with_the_catalogue()
    {
        var found = Issue18.TextDisagreements.Select(c => $"{c.EventId} {c.Statement.Attribute}: text {c.TextSays}, catalogue {c.CatalogueSays}");
        Assert.Equal([
            "18-EU-10 quoted_words: text “very sensitive and serious”, catalogue “quite sensitive”",
            "18-US-02 date: text 6 November, catalogue 7 November",
            "18-US-16 date: text 15 December, catalogue 16 December",
            "18-UA-14 date: text December, catalogue 18 November",
            "18-UA-27 amount: text 1 contract, catalogue more than one (“long term contracts”)",
            "18-UA-11 date: text December, catalogue 14 November",
        ], found);
    }

    [Fact]
    public void Each_comparison_carries_both_wordings_and_both_citations()
    {
        var fischer = Issue18.TextReconciliation.Single(c => c.EventId == "18-US-16");
        Assert.Equal("US", fischer.PartnerCode);
        Assert.StartsWith("On December 15, the U.S. Senate approved the candidacy of Julie Fischer", fischer.Statement.TextAsPrinted);
        Assert.Equal("The U.S. Senate confirms Julie Fischer as ambassador to Belarus", fischer.EventAsPrinted);
        Assert.Equal("minsk-barometer-18#Relationship with the U.S. / Return of the Ambassadors", fischer.Statement.Source);
        Assert.Equal("minsk-barometer-18#Appendix 1 / Relationship with the U.S.", fischer.EventSource);
        Assert.Null(Issue18.TextReconciliation.First(c => c.EventId.Contains("-SEC-", StringComparison.Ordinal)).PartnerCode);
    }

    [Theory]
    [InlineData("date", "16 December", null, "18-US-16", TextAgreement.Agrees)]      // the catalogue's own day
    [InlineData("date", "December", null, "18-US-16", TextAgreement.Agrees)]         // a month contains the day
    [InlineData("date", "Mid December", null, "18-US-16", TextAgreement.Agrees)]     // days 11-20
    [InlineData("date", "Late December", null, "18-US-16", TextAgreement.Disagrees)] // days 21-31
    [InlineData("date", "November", null, "18-RU-15", TextAgreement.Agrees)]         // overlaps November-December
    [InlineData("amount", "2", "contract", "18-UA-27", TextAgreement.Agrees)]        // "contracts": more than one
    [InlineData("amount", "4", "vessel", "18-UA-24", TextAgreement.Disagrees)]       // "three vessels"
    [InlineData("quoted_words", "smother", null, "18-UA-22", TextAgreement.Agrees)]
    [InlineData("quoted_words", "crush Belarus", null, "18-UA-22", TextAgreement.Disagrees)]
    public void The_rules_of_agreement(string attribute, string value, string? unit, string eventId, TextAgreement expected)
    {
        var statement = new TextStatement("18-TXT-99", 18, eventId, attribute, value, unit, "(test)", null, "test#section");
        var c = Assert.Single(TextReconciler.Reconcile(RepoData.Dataset.Catalogue(18), [statement]));
        Assert.Equal(expected, c.Status);
    }

    [Fact]
    public void A_statement_about_an_event_the_catalogue_no_longer_holds_is_left_out()
    {
        var catalogue = RepoData.Dataset.Catalogue(18);
        var without = catalogue with { RelationshipEvents = catalogue.RelationshipEvents.Where(e => e.Id != "18-US-16").ToArray() };
        var comparisons = TextReconciler.Reconcile(without, RepoData.Dataset.TextStatements);
        Assert.DoesNotContain(comparisons, c => c.EventId == "18-US-16");
        Assert.Equal(RepoData.Dataset.TextStatements.Count(s => s.EventId != "18-US-16"), comparisons.Count);
    }
}
