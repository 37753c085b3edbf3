using Barometer.Analysis.Model;
using Barometer.Analysis.Narrative;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Narrative;

public class NarrativeTableTests
{
    private static IReadOnlyList<NarrativeRow> Rows => NarrativeTable.Build(IssueReproduction.Reproduce(RepoData.Dataset, 18));

    [Fact]
    public void One_row_per_relationship_then_security_with_computed_and_printed_values()
    {
        Assert.Equal(["RU", "EU", "CN", "US", "UA", NarrativeStatement.Security], Rows.Select(r => r.Subject));
        var us = Rows.Single(r => r.Subject == "US");
        Assert.Equal(("-16", "-14"), (us.Computed, us.Printed));
        var ukraine = Rows.Single(r => r.Subject == "UA");
        Assert.Equal(("-4", "-4 (catalogue total; no header index)"), (ukraine.Computed, ukraine.Printed));
        var security = Rows[^1];
        Assert.Equal("national security 0, regional tension -8 (Yellow)", security.Computed);
        Assert.Equal(security.Computed, security.Printed);
    }

    [Fact]
    public void Each_row_has_the_editors_summary_as_printed_and_the_trends_and_forecast_in_order()
    {
        var russia = Rows[0];
        Assert.Equal("Russia continues to support Belarus amid the country's isolation by the West, whereas Belarus moderates its claims to union privileges from Russia.", russia.Summary);
        Assert.Equal(3, russia.Trends.Count);
        Assert.StartsWith("Belarus scales back", russia.Trends[1]);
        Assert.Equal(2, russia.Forecast.Count);
        Assert.All(Rows, r => Assert.False(string.IsNullOrEmpty(r.Summary), r.Subject));
        Assert.All(Rows, r => Assert.NotEmpty(r.Trends));
        Assert.All(Rows, r => Assert.NotEmpty(r.Forecast));
    }

    [Fact]
    public void Every_narrative_row_cites_a_section_of_the_report()
    {
        Assert.All(RepoData.Dataset.Narrative, n => Assert.StartsWith("minsk-barometer-18#", n.Source));
        Assert.All(RepoData.Dataset.Narrative.Where(n => n.Kind == NarrativeKinds.Summary),
            n => Assert.Equal("minsk-barometer-18#Editor's letter (Dear readers!)", n.Source));
    }
}
