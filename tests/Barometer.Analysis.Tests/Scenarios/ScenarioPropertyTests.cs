using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Scenarios;
using Barometer.Analysis.Tests.Support;
using FsCheck;
using FsCheck.Xunit;

namespace Barometer.Analysis.Tests.Scenarios;

public class ScenarioPropertyTests
{
    private static readonly IssueCatalogue Catalogue = RepoData.Dataset.Catalogue(18);

    /// <summary>Turns arbitrary integers into a set of distinct catalogue events (relationship and security).</summary>
    private static List<object> Pick(int[] picks)
    {
        var all = Catalogue.RelationshipEvents.Cast<object>().Concat(Catalogue.SecurityEvents).ToArray();
        return (picks ?? []).Select(i => all[(int)((uint)i % (uint)all.Length)]).Distinct().ToList();
    }

    private static ScenarioChange ReAdd(object e) => e switch
    {
        RelationshipEvent r => new AddRelationshipEvent(r.PartnerCode, r.Date.Text, r.Label, r.Score),
        SecurityEvent s => new AddSecurityEvent(s.Date.Text, s.Label, s.NationalSecurity, s.RegionalTension),
        _ => throw new ArgumentException("not an event"),
    };

    private static string IdOf(object e) => e is RelationshipEvent r ? r.Id : ((SecurityEvent)e).Id;

    [Property(MaxTest = 200)]
    public bool Removing_then_re_adding_events_restores_every_measure(int[] picks)
    {
        var events = Pick(picks);
        var changes = events.Select(e => (ScenarioChange)new RemoveEvent(IdOf(e))).Concat(events.Select(ReAdd)).ToArray();
        var result = ScenarioEngine.Run(Catalogue, RepoData.Dataset.ColourScale, new Scenario("round trip", 18, changes));
        return result.Measures.All(m => m.Delta == 0)
               && !result.Colour.Changed
               && result.Outcome.Relationships.Select(r => r.Events).SequenceEqual(result.Baseline.Relationships.Select(r => r.Events))
               && result.ScenarioCatalogue.RelationshipEvents.Count(e => e.Hypothetical) + result.ScenarioCatalogue.SecurityEvents.Count(e => e.Hypothetical) == events.Count;
    }

    [Property(MaxTest = 200)]
    public bool Removing_an_event_moves_its_measures_by_its_scores(NonNegativeInt pick)
    {
        var e = Pick([pick.Get])[0];
        var result = ScenarioEngine.Run(Catalogue, RepoData.Dataset.ColourScale, new Scenario("remove", 18, [new RemoveEvent(IdOf(e))]));
        return e switch
        {
            RelationshipEvent r => result.Get(Measures.Index, r.PartnerCode).Delta == -r.Score
                                   && result.ChangedMeasures.All(m => m.PartnerCode == r.PartnerCode),
            SecurityEvent s => result.Get(Measures.NationalSecurity).Delta == -s.NationalSecurity
                               && result.Get(Measures.RegionalTension).Delta == -s.RegionalTension
                               && result.ChangedMeasures.All(m => m.PartnerCode is null),
            _ => false,
        };
    }
}
