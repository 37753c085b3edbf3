using System.Text.Json.Nodes;
using Barometer.Analysis.Scenarios;

namespace Barometer.Analysis.Sensitivity;

/// <summary>
/// The JSON form of a sensitivity result (what <c>barometer sensitivity --format json</c> prints), camelCase:
/// <code>
/// { "issue": 18, "runs": 10000, "flip": 0.1, "seed": 18, "scoresPerturbed": 153,
///   "measures": [ { "measure": "index", "partner": { "code": "RU", "name": "Russia" }, "baseline": 14, "mean": 14.01, "p05": 12, "p95": 16,
///                   "min": 9, "max": 19, "probabilityDiffersFromBaseline": 0.8,
///                   "histogram": [ { "value": 9, "count": 3 }, ... ] }, ... ],
///   "regionalTensionColour": { "baseline": "Yellow", "published": "Yellow", "probabilityDiffersFromBaseline": 0.02,
///                              "probabilityDiffersFromPublished": 0.02, "distanceToMoreSevere": -5, "distanceToLessSevere": 2,
///                              "distribution": [ { "colour": "White", "count": 0, "probability": 0 }, ... ] } }
/// </code>
/// Every measure carries its histogram: every value from min to max with its count (zeros included).
/// </summary>
public static class SensitivityJson
{
    /// <summary>The result as JSON; <paramref name="partners"/> (the dataset's) give the partners' names.</summary>
    public static string Serialize(SensitivityResult result, IReadOnlyList<Model.Partner> partners) => ToJson(result, partners).ToJsonString(ScenarioJson.Options);

    public static JsonObject ToJson(SensitivityResult result, IReadOnlyList<Model.Partner> partners)
    {
        var measures = new JsonArray();
        foreach (var m in result.Measures)
        {
            var o = new JsonObject { ["measure"] = ScenarioJson.CamelCase(m.Measure) };
            if (m.PartnerCode is not null)
            {
                o["partner"] = ScenarioJson.Partner(m.PartnerCode, partners);
            }

            o["baseline"] = m.Baseline;
            o["mean"] = Math.Round(m.Mean, 4);
            o["p05"] = m.P05;
            o["p95"] = m.P95;
            o["min"] = m.Min;
            o["max"] = m.Max;
            o["probabilityDiffersFromBaseline"] = Math.Round(m.ProbabilityDiffersFromBaseline, 4);
            o["histogram"] = new JsonArray(m.Histogram
                .Select(h => (JsonNode)new JsonObject { ["value"] = h.Value, ["count"] = h.Count }).ToArray());
            measures.Add(o);
        }
        var c = result.Colour;
        return new JsonObject
        {
            ["issue"] = result.Issue.Number,
            ["runs"] = result.Runs,
            ["flip"] = result.Flip,
            ["seed"] = result.Seed,
            ["scoresPerturbed"] = result.ScoresPerturbed,
            ["measures"] = measures,
            ["regionalTensionColour"] = new JsonObject
            {
                ["baseline"] = c.Baseline,
                ["published"] = c.Published,
                ["probabilityDiffersFromBaseline"] = Math.Round(c.ProbabilityDiffersFromBaseline, 4),
                ["probabilityDiffersFromPublished"] = c.ProbabilityDiffersFromPublished is { } p ? Math.Round(p, 4) : null,
                ["distanceToMoreSevere"] = c.DistanceToMoreSevere,
                ["distanceToLessSevere"] = c.DistanceToLessSevere,
                ["distribution"] = new JsonArray(c.Distribution.Select(d => (JsonNode)new JsonObject
                {
                    ["colour"] = d.Colour,
                    ["count"] = d.Count,
                    ["probability"] = Math.Round(d.Probability, 4),
                }).ToArray()),
            },
        };
    }
}
