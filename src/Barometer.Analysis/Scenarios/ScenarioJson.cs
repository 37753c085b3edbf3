using System.Text.Json;
using System.Text.Json.Nodes;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Scenarios;

/// <summary>
/// The JSON form of a scenario result (what <c>barometer whatif --format json</c> prints), camelCase throughout:
/// <code>
/// { "scenario": "..", "description": "..", "file": "..", "issue": 18,
///   "measures": [ { "measure": "index", "partner": { "code": "US", "name": "US" }, "baseline": -16, "scenario": -13, "delta": 3 }, ...positive, negative...,
///                 { "measure": "nationalSecurity", "baseline": 0, "scenario": 0, "delta": 0 },
///                 { "measure": "regionalTension", ... },
///                 { "measure": "regionalTensionColour", "baseline": "Yellow", "scenario": "Yellow", "changed": false } ],
///   "regionalTensionDistance": { "baseline": { "toMoreSevere": -5, "toLessSevere": 2 }, "scenario": { ... } },
///   "thresholds": null | [ { "colour": "White", "min": 0, "max": null }, ... ],
///   "changes": [ { "kind": "remove", "id": "18-US-20", "partner": { "code": "US", "name": "US" }, "date": "23 December", "label": "..",
///                  "hypothetical": false, "before": { "score": -3 }, "after": null, "description": "..", "line": 7 }, ... ] }
/// </code>
/// A partner is always <c>{ "code", "name" }</c> (<see cref="Partner(string?, IReadOnlyList{Model.Partner})"/>), the same
/// form as in <c>reproduce</c> and <c>sensitivity</c>; security measures have no partner.
/// </summary>
public static class ScenarioJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A measure name in camelCase: <c>national_security</c> → <c>nationalSecurity</c>.</summary>
    public static string CamelCase(string measure)
    {
        var parts = measure.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>A partner's JSON form: <c>{ "code": "RU", "name": "Russia" }</c> (the code as name when <paramref name="partners"/> lacks it); null for none and for security events, which have no partner.</summary>
    public static JsonObject? Partner(string? code, IReadOnlyList<Partner> partners) => code is null or BarometerDataLoader.SecurityCode ? null : new JsonObject
    {
        ["code"] = code,
        ["name"] = partners.FirstOrDefault(p => p.Code == code)?.Name ?? code,
    };

    /// <summary>The result as JSON; <paramref name="partners"/> (the dataset's) give the partners' names.</summary>
    public static string Serialize(ScenarioResult result, IReadOnlyList<Partner> partners) => ToJson(result, partners).ToJsonString(Options);

    public static JsonObject ToJson(ScenarioResult result, IReadOnlyList<Partner> partners)
    {
        var measures = new JsonArray();
        foreach (var m in result.Measures)
        {
            var o = new JsonObject { ["measure"] = CamelCase(m.Measure) };
            if (m.PartnerCode is not null)
            {
                o["partner"] = Partner(m.PartnerCode, partners);
            }

            o["baseline"] = m.Baseline;
            o["scenario"] = m.Scenario;
            o["delta"] = m.Delta;
            measures.Add(o);
        }
        measures.Add(new JsonObject
        {
            ["measure"] = CamelCase(Measures.RegionalTensionColour),
            ["baseline"] = result.Colour.Baseline,
            ["scenario"] = result.Colour.Scenario,
            ["changed"] = result.Colour.Changed,
        });

        var changes = new JsonArray();
        foreach (var c in result.AppliedChanges)
        {
            changes.Add(new JsonObject
            {
                ["kind"] = c.Kind,
                ["id"] = c.EventId,
                ["partner"] = Partner(c.PartnerCode, partners),
                ["date"] = c.Date,
                ["label"] = c.Label,
                ["hypothetical"] = c.Hypothetical,
                ["before"] = Scores(c.Before),
                ["after"] = Scores(c.After),
                ["description"] = c.Description,
                ["line"] = c.Position.IsKnown ? c.Position.Line : null,
            });
        }

        return new JsonObject
        {
            ["scenario"] = result.Scenario.Name,
            ["description"] = result.Scenario.Description,
            ["file"] = result.Scenario.File,
            ["issue"] = result.Scenario.Issue,
            ["measures"] = measures,
            ["regionalTensionDistance"] = new JsonObject
            {
                ["baseline"] = Distance(result.Colour.BaselineDistance),
                ["scenario"] = Distance(result.Colour.ScenarioDistance),
            },
            ["thresholds"] = result.ThresholdsChanged
                ? new JsonArray(result.ScenarioScale.Bands.Select(b => (JsonNode)new JsonObject
                {
                    ["colour"] = b.Colour,
                    ["min"] = b.Min,
                    ["max"] = b.Max,
                }).ToArray())
                : null,
            ["changes"] = changes,
        };
    }

    private static JsonObject? Scores(EventScores? s)
    {
        if (s is null)
        {
            return null;
        }

        var o = new JsonObject();
        if (s.Score is not null)
        {
            o["score"] = s.Score;
        }

        if (s.NationalSecurity is not null)
        {
            o["nationalSecurity"] = s.NationalSecurity;
        }

        if (s.RegionalTension is not null)
        {
            o["regionalTension"] = s.RegionalTension;
        }

        return o;
    }

    private static JsonObject Distance((int? ToMoreSevere, int? ToLessSevere) d) => new()
    {
        ["toMoreSevere"] = d.ToMoreSevere,
        ["toLessSevere"] = d.ToLessSevere,
    };
}
