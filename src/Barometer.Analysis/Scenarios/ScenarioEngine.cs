using System.Globalization;
using System.Text.RegularExpressions;
using Barometer.Analysis.Indices;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Scenarios;

/// <summary>
/// Applies a <see cref="Scenario"/> to an issue and compares the outcome with the baseline.
/// The baseline catalogue is never modified: the changes build new lists of (immutable) events, and the indices of both
/// sides come from <see cref="IndexCalculator"/>, the same code that reproduces the published issue.
/// </summary>
/// <remarks>
/// Changes apply in order, so a later change sees an earlier one (an added event can be rescored or removed by its id;
/// rescoring a removed event is an error). Added events are marked <c>Hypothetical</c> and get ids
/// <c>&lt;issue&gt;-&lt;partner&gt;-H&lt;n&gt;</c> (<c>SEC</c> for security events), n counting from 1 per partner.
/// Every problem of a scenario is collected; a scenario with any problem has no result.
/// </remarks>
public static partial class ScenarioEngine
{
    /// <summary>Marks the ids of added events: <c>18-EU-H1</c>.</summary>
    public const string HypotheticalMarker = "H";

    [GeneratedRegex(@"^(?<issue>\d+)-(?<code>[A-Z]+)-H(?<n>\d+)$")]
    private static partial Regex HypotheticalId();

    [GeneratedRegex(@"^(?<issue>\d+)-(?<code>[A-Z]+)-")]
    private static partial Regex IdPrefix();

    /// <summary>
    /// Reads a scenario file and runs it on <paramref name="data"/>. Errors of both steps name the file and come
    /// together, in file order: when some changes are malformed, the well-formed ones are still checked against the data.
    /// </summary>
    public static ScenarioOutcome TryRunFile(BarometerDataset data, string path, string? displayPath = null)
    {
        var read = ScenarioReader.Read(path, displayPath);
        return read.Ok ? TryRun(data, read.Scenario!) : Failed(data, read);
    }

    /// <summary>Runs a scenario read from YAML text (see <see cref="ScenarioReader.Parse(string, string)"/>), as <see cref="TryRunFile"/> does.</summary>
    public static ScenarioOutcome TryRunYaml(BarometerDataset data, string yaml, string displayPath)
    {
        var read = ScenarioReader.Parse(yaml, displayPath);
        return read.Ok ? TryRun(data, read.Scenario!) : Failed(data, read);
    }

    private static ScenarioOutcome Failed(BarometerDataset data, ScenarioReadResult read)
    {
        var errors = read.Errors.ToList();
        if (read.Partial is not null)
        {
            errors.AddRange(TryRun(data, read.Partial).Errors);
        }

        return new ScenarioOutcome(null, errors.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray());
    }

    /// <summary>Runs <paramref name="scenario"/> on its issue of <paramref name="data"/> with the dataset's colour scale.</summary>
    public static ScenarioOutcome TryRun(BarometerDataset data, Scenario scenario)
    {
        if (data.FindIssue(scenario.Issue) is null || !data.HasCatalogue(scenario.Issue))
        {
            var why = IssueReproduction.WhyNoCatalogue(data, scenario.Issue);
            return new ScenarioOutcome(null,
            [
                Error(scenario, scenario.IssuePosition,
                    $"issue {scenario.Issue} {why}; issues with catalogues: {string.Join(", ", data.IssuesWithCatalogue)}"),
            ]);
        }
        return TryRun(data.Catalogue(scenario.Issue), data.ColourScale, scenario);
    }

    public static ScenarioResult Run(BarometerDataset data, Scenario scenario) => TryRun(data, scenario).OrThrow();

    /// <summary>Runs <paramref name="scenario"/> on <paramref name="baseline"/> (whose issue must be the scenario's).</summary>
    public static ScenarioOutcome TryRun(IssueCatalogue baseline, ColourScale scale, Scenario scenario)
    {
        if (baseline.Issue.Number != scenario.Issue)
        {
            return new ScenarioOutcome(null,
                [Error(scenario, scenario.IssuePosition, $"the scenario is for issue {scenario.Issue} but the catalogue is issue {baseline.Issue.Number}")]);
        }

        var (catalogue, scenarioScale, applied, errors) = Apply(baseline, scale, scenario);
        if (errors.Count > 0)
        {
            return new ScenarioOutcome(null, errors);
        }

        var before = IndexCalculator.Compute(baseline, scale);
        var after = IndexCalculator.Compute(catalogue, scenarioScale);
        return new ScenarioOutcome(new ScenarioResult(scenario, baseline, catalogue, scale, scenarioScale, before, after,
            applied, Compare(before, after), new ColourComparison(
                before.Security.Colour.Colour, after.Security.Colour.Colour,
                scale.DistanceToNextColour(before.Security.RegionalTension),
                scenarioScale.DistanceToNextColour(after.Security.RegionalTension))), []);
    }

    public static ScenarioResult Run(IssueCatalogue baseline, ColourScale scale, Scenario scenario) =>
        TryRun(baseline, scale, scenario).OrThrow();

    /// <summary>Every numeric measure, partners in catalogue order (index, positive, negative), then the two security indices.</summary>
    public static IReadOnlyList<MeasureComparison> Compare(IssueIndices baseline, IssueIndices scenario)
    {
        var list = new List<MeasureComparison>();
        foreach (var b in baseline.Relationships)
        {
            var s = scenario.For(b.Partner.Code);
            list.Add(new MeasureComparison(Measures.Index, b.Partner.Code, b.Index, s.Index));
            list.Add(new MeasureComparison(Measures.Positive, b.Partner.Code, b.Positive, s.Positive));
            list.Add(new MeasureComparison(Measures.Negative, b.Partner.Code, b.Negative, s.Negative));
        }
        list.Add(new MeasureComparison(Measures.NationalSecurity, null, baseline.Security.NationalSecurity, scenario.Security.NationalSecurity));
        list.Add(new MeasureComparison(Measures.RegionalTension, null, baseline.Security.RegionalTension, scenario.Security.RegionalTension));
        return list;
    }

    /// <summary>
    /// Applies the changes to copies of the catalogue's lists. Returns the new catalogue, the colour scale in force,
    /// what was applied and every problem (an erroneous change is skipped so that later ones are still checked).
    /// </summary>
    public static (IssueCatalogue Catalogue, ColourScale Scale, IReadOnlyList<AppliedChange> Applied, IReadOnlyList<DataError> Errors)
        Apply(IssueCatalogue baseline, ColourScale scale, Scenario scenario)
    {
        var relationships = baseline.RelationshipEvents.ToList();
        var security = baseline.SecurityEvents.ToList();
        var applied = new List<AppliedChange>();
        var errors = new List<DataError>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in relationships.Select(e => e.Id).Concat(security.Select(e => e.Id)))
        {
            if (HypotheticalId().Match(id) is { Success: true } m)
            {
                counters[m.Groups["code"].Value] = Math.Max(counters.GetValueOrDefault(m.Groups["code"].Value),
                    int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture));
            }
        }

        var issue = baseline.Issue;
        var currentScale = scale;

        void Fail(ScenarioChange change, string field, string message) =>
            errors.Add(Error(scenario, change.PositionOf(field), message));

        // A score outside the declared range is refused at its value (and cannot overflow a sum).
        bool InRange(ScenarioChange change, string field, int? score, ScoreRange range)
        {
            if (score is not { } s || range.Contains(s))
            {
                return true;
            }

            Fail(change, field, $"{field} {s} is outside the plausible range {range} that datapackage.json declares for scores (see data/README.md)");
            return false;
        }
        var ranges = baseline.ScoreRanges;
        bool ScoresInRange(ScenarioChange change) => change switch
        {
            RescoreEvent r => InRange(change, "score", r.Score, ranges.Score)
                & InRange(change, "nationalSecurity", r.NationalSecurity, ranges.NationalSecurity)
                & InRange(change, "regionalTension", r.RegionalTension, ranges.RegionalTension),
            AddRelationshipEvent a => InRange(change, "score", a.Score, ranges.Score),
            AddSecurityEvent a => InRange(change, "nationalSecurity", a.NationalSecurity, ranges.NationalSecurity)
                & InRange(change, "regionalTension", a.RegionalTension, ranges.RegionalTension),
            _ => true,
        };

        foreach (var change in scenario.Changes)
        {
            if (!ScoresInRange(change))
            {
                continue;
            }

            switch (change)
            {
                case RemoveEvent remove:
                    {
                        var r = relationships.FindIndex(e => e.Id == remove.Id);
                        var s = security.FindIndex(e => e.Id == remove.Id);
                        if (r >= 0)
                        {
                            var e = relationships[r];
                            relationships.RemoveAt(r);
                            applied.Add(new AppliedChange(change.Kind, e.Id, e.PartnerCode, e.Date.Text, e.Label, e.Hypothetical,
                                EventScores.Of(e), null, $"removed {e.Id} ({e.Label}, {EventScores.Of(e)})", change.Position));
                        }
                        else if (s >= 0)
                        {
                            var e = security[s];
                            security.RemoveAt(s);
                            applied.Add(new AppliedChange(change.Kind, e.Id, BarometerDataLoader.SecurityCode, e.Date.Text, e.Label, e.Hypothetical,
                                EventScores.Of(e), null, $"removed {e.Id} ({e.Label}, {EventScores.Of(e)})", change.Position));
                        }
                        else
                        {
                            Fail(change, "id", UnknownId(remove.Id, issue, removed));
                        }

                        if (r >= 0 || s >= 0)
                        {
                            removed.Add(remove.Id);
                        }

                        break;
                    }
                case RescoreEvent rescore:
                    {
                        var r = relationships.FindIndex(e => e.Id == rescore.Id);
                        var s = security.FindIndex(e => e.Id == rescore.Id);
                        if (r >= 0)
                        {
                            if (rescore.Score is null)
                            {
                                Fail(change, rescore.NationalSecurity is not null ? "nationalSecurity" : "regionalTension",
                                    $"{rescore.Id} is a relationship event: rescore it with 'score', not 'nationalSecurity'/'regionalTension'");
                                break;
                            }
                            var e = relationships[r];
                            var now = e with { Score = rescore.Score.Value };
                            relationships[r] = now;
                            applied.Add(new AppliedChange(change.Kind, e.Id, e.PartnerCode, e.Date.Text, e.Label, e.Hypothetical,
                                EventScores.Of(e), EventScores.Of(now), $"rescored {e.Id} ({e.Label}): {EventScores.Of(e)} → {EventScores.Of(now)}", change.Position));
                        }
                        else if (s >= 0)
                        {
                            if (rescore.Score is not null)
                            {
                                Fail(change, "score",
                                    $"{rescore.Id} is a security event: rescore it with 'nationalSecurity' and/or 'regionalTension', not 'score'");
                                break;
                            }
                            var e = security[s];
                            var now = e with
                            {
                                NationalSecurity = rescore.NationalSecurity ?? e.NationalSecurity,
                                RegionalTension = rescore.RegionalTension ?? e.RegionalTension,
                            };
                            security[s] = now;
                            applied.Add(new AppliedChange(change.Kind, e.Id, BarometerDataLoader.SecurityCode, e.Date.Text, e.Label, e.Hypothetical,
                                EventScores.Of(e), EventScores.Of(now), $"rescored {e.Id} ({e.Label}): {EventScores.Of(e)} → {EventScores.Of(now)}", change.Position));
                        }
                        else
                        {
                            Fail(change, "id", UnknownId(rescore.Id, issue, removed));
                        }

                        break;
                    }
                case AddRelationshipEvent add:
                    {
                        var partner = baseline.Partners.FirstOrDefault(p => p.Code == add.PartnerCode);
                        if (partner is null)
                        {
                            Fail(change, "partner", $"unknown partner '{add.PartnerCode}' (known: {string.Join(", ", baseline.Partners.Select(p => p.Code))}; " +
                            "for a security event write 'security: true')");
                        }

                        var date = ParseDate(add.Date, issue, msg => Fail(change, "date", msg));
                        if (partner is null || date is null)
                        {
                            break;
                        }

                        var e = new RelationshipEvent(NextId(issue, partner.Code, counters), issue.Number, partner.Code, date, add.Label, add.Score,
                        Provenance(scenario, change), Hypothetical: true);
                        var last = relationships.FindLastIndex(x => x.PartnerCode == partner.Code);
                        relationships.Insert(last + 1, e);
                        applied.Add(new AppliedChange(change.Kind, e.Id, e.PartnerCode, e.Date.Text, e.Label, true, null, EventScores.Of(e),
                            $"added hypothetical {e.Id} ({e.Label}, {e.Date.Text}, {EventScores.Of(e)})", change.Position));
                        break;
                    }
                case AddSecurityEvent add:
                    {
                        var date = ParseDate(add.Date, issue, msg => Fail(change, "date", msg));
                        if (date is null)
                        {
                            break;
                        }

                        var e = new SecurityEvent(NextId(issue, BarometerDataLoader.SecurityCode, counters), issue.Number, date, add.Label,
                        add.NationalSecurity, add.RegionalTension, Provenance(scenario, change), Hypothetical: true);
                        security.Add(e);
                        applied.Add(new AppliedChange(change.Kind, e.Id, BarometerDataLoader.SecurityCode, e.Date.Text, e.Label, true, null, EventScores.Of(e),
                            $"added hypothetical {e.Id} ({e.Label}, {e.Date.Text}, {EventScores.Of(e)})", change.Position));
                        break;
                    }
                case ReplaceThresholds thresholds:
                    {
                        if (BuildScale(thresholds, scale, scenario, errors) is not { } built)
                        {
                            break;
                        }

                        currentScale = built;
                        applied.Add(new AppliedChange(change.Kind, null, null, null, null, false, null, null,
                            "colour scale replaced: " + string.Join("; ", thresholds.Bands), change.Position));
                        break;
                    }
                default:
                    errors.Add(Error(scenario, change.Position, $"unsupported change {change.GetType().Name}"));
                    break;
            }
        }
        var catalogue = baseline with { RelationshipEvents = relationships.ToArray(), SecurityEvents = security.ToArray() };
        return (catalogue, currentScale, applied, errors);
    }

    private static string NextId(Issue issue, string code, Dictionary<string, int> counters)
    {
        var n = counters.GetValueOrDefault(code) + 1;
        counters[code] = n;
        return string.Create(CultureInfo.InvariantCulture, $"{issue.Number}-{code}-{HypotheticalMarker}{n}");
    }

    private static string Provenance(Scenario scenario, ScenarioChange change) =>
        scenario.File is null
            ? $"scenario '{scenario.Name}' (hypothetical)"
            : $"{scenario.File}:{change.Position.Line} (hypothetical, scenario '{scenario.Name}')";

    private static EventDate? ParseDate(string text, Issue issue, Action<string> fail)
    {
        var date = EventDateParser.TryParseWithin(text, issue, out var error);
        if (date is null)
        {
            fail(error!);
        }

        return date;
    }

    private static string UnknownId(string id, Issue issue, HashSet<string> removed)
    {
        if (removed.Contains(id))
        {
            return $"event {id} was already removed by an earlier change";
        }

        var m = IdPrefix().Match(id);
        if (m.Success && m.Groups["issue"].Value != issue.Number.ToString(CultureInfo.InvariantCulture))
        {
            return $"unknown event id '{id}': it names issue {m.Groups["issue"].Value}, but the scenario is for issue {issue.Number}";
        }

        return $"unknown event id '{id}': issue {issue.Number} has no such relationship or security event " +
               $"(ids look like {issue.Number}-US-20 or {issue.Number}-SEC-03; see data/barometer/relationship_events.csv and security_events.csv)";
    }

    private static ColourScale? BuildScale(ReplaceThresholds change, ColourScale baseline, Scenario scenario, List<DataError> errors)
    {
        var ok = true;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var band in change.Bands)
        {
            if (!seen.Add(band.Colour))
            {
                errors.Add(Error(scenario, band.Position, $"colour '{band.Colour}' appears twice in the thresholds"));
                ok = false;
            }
            if (band.Min > band.Max)
            {
                errors.Add(Error(scenario, band.Position, $"band '{band.Colour}': max {band.Max} is below min {band.Min}"));
                ok = false;
            }
        }
        if (!ok)
        {
            return null;
        }

        var bands = change.Bands.Select((b, i) =>
        {
            var known = baseline.Bands.FirstOrDefault(x => string.Equals(x.Colour, b.Colour, StringComparison.OrdinalIgnoreCase));
            return new ColourBand(b.Colour, i + 1, b.Min, b.Max, b.ToString(), known?.Interpretation ?? "",
                scenario.File is null ? $"scenario '{scenario.Name}'" : $"{scenario.File}:{b.Position.Line}");
        });
        try
        {
            return new ColourScale(bands);
        }
        catch (ArgumentException e)
        {
            errors.Add(Error(scenario, change.Position,
                $"invalid thresholds: {e.Message.Split(" (Parameter")[0]} (list the bands from the least severe, highest values, to the most severe)"));
            return null;
        }
    }

    private static DataError Error(Scenario scenario, SourcePosition at, string message) =>
        new(scenario.File ?? $"scenario '{scenario.Name}'", at.Line, at.Column, message);
}
