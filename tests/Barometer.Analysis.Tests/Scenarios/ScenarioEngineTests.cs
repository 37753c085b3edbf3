using Barometer.Analysis.Indices;
using Barometer.Analysis.Model;
using Barometer.Analysis.Scenarios;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Scenarios;

public class ScenarioEngineTests
{
    private static Scenario Make(params ScenarioChange[] changes) => new("test", 18, changes);

    private static ScenarioResult Run(params ScenarioChange[] changes) => ScenarioEngine.Run(RepoData.Dataset, Make(changes));

    [Fact]
    public void Baseline_is_the_issue_computed_by_the_index_calculator()
    {
        var result = Run();
        var expected = IndexCalculator.Compute(RepoData.Dataset.Catalogue(18), RepoData.Dataset.ColourScale);
        Assert.Equal(expected.Security, result.Baseline.Security);
        Assert.Equal(expected.Relationships, result.Baseline.Relationships);
        Assert.All(result.Measures, m => Assert.Equal(0, m.Delta));
        Assert.False(result.Colour.Changed);
        // Hand-checked sums of the issue-18 catalogue.
        Assert.Equal(-16, result.Get(Measures.Index, "US").Baseline);
        Assert.Equal(-14, result.Get(Measures.Index, "EU").Baseline);
        Assert.Equal(-8, result.Get(Measures.RegionalTension).Baseline);
        Assert.Equal("Yellow", result.Colour.Baseline);
        Assert.Equal((-5, 2), result.Colour.BaselineDistance);
        // Every partner has index, positive and negative; then the two security measures.
        Assert.Equal(RepoData.Dataset.Partners.Count * 3 + 2, result.Measures.Count);
    }

    [Fact]
    public void Remove_drops_the_event_and_moves_its_partner_only()
    {
        var result = Run(new RemoveEvent("18-US-20"));
        var us = result.Get(Measures.Index, "US");
        Assert.Equal((-16, -13, 3), (us.Baseline, us.Scenario, us.Delta));
        Assert.Equal(3, result.Get(Measures.Negative, "US").Delta);
        Assert.Equal(0, result.Get(Measures.Positive, "US").Delta);
        Assert.Equal(["index US", "negative US"], result.ChangedMeasures.Select(m => $"{m.Measure} {m.PartnerCode}"));
        Assert.DoesNotContain(result.ScenarioCatalogue.RelationshipEvents, e => e.Id == "18-US-20");
        Assert.Equal(120, result.ScenarioCatalogue.RelationshipEvents.Count);

        var applied = Assert.Single(result.AppliedChanges);
        Assert.Equal(("remove", "18-US-20", "US", false), (applied.Kind, applied.EventId, applied.PartnerCode, applied.Hypothetical));
        Assert.Equal(-3, applied.Before!.Score);
        Assert.Null(applied.After);
    }

    [Fact]
    public void Remove_a_security_event()
    {
        var result = Run(new RemoveEvent("18-SEC-08"));
        Assert.Equal((0, 2), (result.Get(Measures.NationalSecurity).Baseline, result.Get(Measures.NationalSecurity).Scenario));
        Assert.Equal(-7, result.Get(Measures.RegionalTension).Scenario);
        Assert.Equal(15, result.ScenarioCatalogue.SecurityEvents.Count);
        Assert.Equal("SEC", result.AppliedChanges[0].PartnerCode);
    }

    [Fact]
    public void Rescore_a_relationship_event()
    {
        var result = Run(new RescoreEvent("18-EU-03", Score: -1));
        Assert.Equal((-14, -12), (result.Get(Measures.Index, "EU").Baseline, result.Get(Measures.Index, "EU").Scenario));
        Assert.Equal((-19, -17), (result.Get(Measures.Negative, "EU").Baseline, result.Get(Measures.Negative, "EU").Scenario));
        var e = result.ScenarioCatalogue.RelationshipEvents.Single(x => x.Id == "18-EU-03");
        Assert.Equal(-1, e.Score);
        Assert.False(e.Hypothetical);
        Assert.Equal((-3, -1), (result.AppliedChanges[0].Before!.Score, result.AppliedChanges[0].After!.Score));
    }

    [Fact]
    public void Rescore_across_the_sign_moves_points_between_positive_and_negative()
    {
        var result = Run(new RescoreEvent("18-EU-05", Score: -2)); // +2 → -2
        Assert.Equal(-2, result.Get(Measures.Positive, "EU").Delta);
        Assert.Equal(-2, result.Get(Measures.Negative, "EU").Delta);
        Assert.Equal(-4, result.Get(Measures.Index, "EU").Delta);
    }

    [Fact]
    public void Rescore_one_security_score_keeps_the_other()
    {
        var result = Run(new RescoreEvent("18-SEC-08", RegionalTension: -5)); // national -2, regional -1 → -5
        Assert.Equal(0, result.Get(Measures.NationalSecurity).Delta);
        Assert.Equal(-4, result.Get(Measures.RegionalTension).Delta);
        Assert.Equal(-12, result.Get(Measures.RegionalTension).Scenario);
        var e = result.ScenarioCatalogue.SecurityEvents.Single(x => x.Id == "18-SEC-08");
        Assert.Equal((-2, -5), (e.NationalSecurity, e.RegionalTension));
    }

    [Fact]
    public void Added_events_are_hypothetical_with_H_ids()
    {
        var result = Run(
            new AddRelationshipEvent("EU", "2020-12-20", "Visit", 2),
            new AddRelationshipEvent("EU", "Late December", "Another", -1),
            new AddRelationshipEvent("CN", "1 November", "Deal", 1),
            new AddSecurityEvent("December", "Exercise", 0, -2));
        var added = result.ScenarioCatalogue.RelationshipEvents.Where(e => e.Hypothetical).Select(e => e.Id);
        Assert.Equal(["18-EU-H1", "18-EU-H2", "18-CN-H1"], added.OrderBy(id => id.Contains("CN")));
        var sec = Assert.Single(result.ScenarioCatalogue.SecurityEvents, e => e.Hypothetical);
        Assert.Equal("18-SEC-H1", sec.Id);
        Assert.Equal(new DateOnly(2020, 12, 1), sec.Date.Start);
        Assert.All(result.AppliedChanges, c => Assert.True(c.Hypothetical));
        Assert.Equal(1, result.Get(Measures.Index, "EU").Delta);
        Assert.Equal(2, result.Get(Measures.Positive, "EU").Delta);
        Assert.Equal(-2, result.Get(Measures.RegionalTension).Delta);
        // Catalogue rows are never hypothetical.
        Assert.DoesNotContain(result.BaselineCatalogue.RelationshipEvents, e => e.Hypothetical);
        // An added event sits after its partner's catalogue rows.
        var eu = result.ScenarioCatalogue.RelationshipEvents.Where(e => e.PartnerCode == "EU").Select(e => e.Id).ToList();
        Assert.Equal(["18-EU-H1", "18-EU-H2"], eu.TakeLast(2));
    }

    [Fact]
    public void Changes_apply_in_order_so_an_added_event_can_be_rescored_and_removed()
    {
        var result = Run(
            new AddRelationshipEvent("US", "2020-11-15", "Call", 1),
            new RescoreEvent("18-US-H1", Score: 3),
            new AddRelationshipEvent("US", "2020-11-16", "Other", -2),
            new RemoveEvent("18-US-H2"));
        Assert.Equal(3, result.Get(Measures.Index, "US").Delta);
        Assert.Equal(4, result.AppliedChanges.Count);
        Assert.True(result.AppliedChanges[1].Hypothetical);
    }

    [Fact]
    public void Thresholds_replace_the_colour_scale()
    {
        var bands = new ThresholdBand[]
        {
            new("White", 0, null), new("Green", -8, -1), new("Yellow", -16, -9), new("Orange", -24, -17), new("Red", null, -25),
        };
        var result = Run(new ReplaceThresholds(bands));
        Assert.True(result.ThresholdsChanged);
        Assert.All(result.Measures, m => Assert.Equal(0, m.Delta));
        Assert.Equal(("Yellow", "Green", true), (result.Colour.Baseline, result.Colour.Scenario, result.Colour.Changed));
        Assert.Equal((-1, 8), result.Colour.ScenarioDistance);
        // Interpretations are carried over from the published band of the same colour.
        Assert.Equal(RepoData.Dataset.ColourScale.Bands[1].Interpretation, result.ScenarioScale.Bands[1].Interpretation);
    }

    [Fact]
    public void Thresholds_keep_the_gap_rule()
    {
        // A gap between White (≥ 0) and Green (≤ -3): -1 and -2 take the less severe band.
        var scale = ScenarioEngine.Run(RepoData.Dataset, Make(new ReplaceThresholds(
            [new("White", 0, null), new("Green", null, -3)]))).ScenarioScale;
        Assert.Equal("White", scale.Classify(-2).Colour);
        Assert.Equal("Green", scale.Classify(-3).Colour);
    }

    [Fact]
    public void Crossing_a_boundary_changes_the_colour()
    {
        // -8 + 2 = -6: Green.
        var result = Run(new RemoveEvent("18-SEC-03"), new RemoveEvent("18-SEC-14"));
        Assert.Equal(("Yellow", "Green", true), (result.Colour.Baseline, result.Colour.Scenario, result.Colour.Changed));
    }

    [Fact]
    public void The_dataset_and_the_baseline_catalogue_are_not_modified()
    {
        var data = RepoData.Dataset;
        var relBefore = data.RelationshipEvents.ToArray();
        var secBefore = data.SecurityEvents.ToArray();
        var scaleBefore = data.ColourScale.Bands.ToArray();
        var baseline = data.Catalogue(18);
        var baselineRel = baseline.RelationshipEvents.ToArray();

        var result = ScenarioEngine.Run(baseline, data.ColourScale, Make(
            new RemoveEvent("18-US-20"), new RemoveEvent("18-SEC-01"),
            new RescoreEvent("18-EU-03", Score: 5), new RescoreEvent("18-SEC-02", NationalSecurity: 3),
            new AddRelationshipEvent("EU", "2020-12-20", "Visit", 2),
            new AddSecurityEvent("December", "Exercise", -1, -1),
            new ReplaceThresholds([new("White", 0, null), new("Red", null, -1)])));

        Assert.Equal(relBefore, data.RelationshipEvents);
        Assert.Equal(secBefore, data.SecurityEvents);
        Assert.Equal(0, data.SecurityEvents.Single(e => e.Id == "18-SEC-02").NationalSecurity);
        Assert.Equal(scaleBefore, data.ColourScale.Bands);
        Assert.Equal(baselineRel, baseline.RelationshipEvents);
        Assert.Equal(-3, data.RelationshipEvents.Single(e => e.Id == "18-EU-03").Score);
        Assert.Contains(data.RelationshipEvents, e => e.Id == "18-US-20");
        Assert.DoesNotContain(data.RelationshipEvents, e => e.Hypothetical);
        Assert.Same(baseline, result.BaselineCatalogue);
        Assert.NotSame(baseline.RelationshipEvents, result.ScenarioCatalogue.RelationshipEvents);
        Assert.Equal(5, result.ScenarioCatalogue.RelationshipEvents.Single(e => e.Id == "18-EU-03").Score);
    }

    [Fact]
    public void Errors_without_a_file_name_the_scenario()
    {
        var outcome = ScenarioEngine.TryRun(RepoData.Dataset, Make(new RemoveEvent("18-US-99")));
        Assert.False(outcome.Ok);
        Assert.StartsWith("scenario 'test':0:0: unknown event id '18-US-99'", Assert.Single(outcome.Errors).ToString());
    }

    [Fact]
    public void An_issue_without_catalogue_is_an_error()
    {
        var outcome = ScenarioEngine.TryRun(RepoData.Dataset, new Scenario("x", 3, []));
        Assert.Contains("issue 3 has no event catalogue", Assert.Single(outcome.Errors).Message);
        outcome = ScenarioEngine.TryRun(RepoData.Dataset, new Scenario("x", 99, []));
        Assert.Contains("issue 99 is not in data/barometer/issues.csv", Assert.Single(outcome.Errors).Message);
    }
}
