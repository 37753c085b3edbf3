using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Barometer.Analysis.Model;
using Barometer.Analysis.Scenarios;
using Barometer.Analysis.Sensitivity;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Scenarios;

/// <summary>The shipped example scenarios (scenarios/*.yaml) give the numbers their comments promise.</summary>
public class ExampleScenarioTests
{
    private static readonly string RepoRoot = Path.GetDirectoryName(RepoData.Directory)!;

    public static string ScenarioPath(string name) => Path.Combine(RepoRoot, "scenarios", name);

    private static ScenarioResult RunExample(string name)
    {
        var outcome = ScenarioEngine.TryRunFile(RepoData.Dataset, ScenarioPath(name), $"scenarios/{name}");
        Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
        return outcome.Result!;
    }

    private static void AssertMeasure(ScenarioResult r, string measure, string? partner, int baseline, int scenario)
    {
        var m = r.Get(measure, partner);
        Assert.Equal((measure, partner, baseline, scenario), (m.Measure, m.PartnerCode, m.Baseline, m.Scenario));
    }

    [Fact]
    public void Every_example_scenario_runs()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot, "scenarios"), "*.yaml");
        Assert.True(files.Length >= 3);
        foreach (var file in files)
        {
            var outcome = ScenarioEngine.TryRunFile(RepoData.Dataset, file);
            Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
            Assert.NotEmpty(outcome.Result!.AppliedChanges);
        }
    }

    [Fact]
    public void Without_the_December_sanctions()
    {
        var r = RunExample("without-december-sanctions.yaml");
        AssertMeasure(r, Measures.Index, "US", -16, -12);
        AssertMeasure(r, Measures.Negative, "US", -22, -18);
        AssertMeasure(r, Measures.Positive, "US", 6, 6);
        AssertMeasure(r, Measures.Index, "EU", -14, -11);
        AssertMeasure(r, Measures.Negative, "EU", -19, -16);
        AssertMeasure(r, Measures.NationalSecurity, null, 0, 1);
        AssertMeasure(r, Measures.RegionalTension, null, -8, -7);
        Assert.Equal(("Yellow", "Yellow", false), (r.Colour.Baseline, r.Colour.Scenario, r.Colour.Changed));
        Assert.Equal(1, r.Colour.ScenarioDistance.ToLessSevere);
        Assert.Equal(["EU", "US"], r.ChangedMeasures.Where(m => m.PartnerCode is not null).Select(m => m.PartnerCode).Distinct());
        Assert.Equal(["18-US-20", "18-US-23", "18-EU-10", "18-SEC-15"], r.AppliedChanges.Select(c => c.EventId));
    }

    [Fact]
    public void Softer_coding_of_the_EU_sanctions()
    {
        var r = RunExample("softer-eu-sanctions-coding.yaml");
        AssertMeasure(r, Measures.Index, "EU", -14, -8);
        AssertMeasure(r, Measures.Positive, "EU", 5, 7);
        AssertMeasure(r, Measures.Negative, "EU", -19, -15);
        Assert.Equal(3, r.ChangedMeasures.Count());
        Assert.False(r.Colour.Changed);
        var added = Assert.Single(r.AppliedChanges, c => c.Hypothetical);
        Assert.Equal(("add", "18-EU-H1", 2), (added.Kind, added.EventId, added.After!.Score));
    }

    [Fact]
    public void December_escalation_reaches_Orange()
    {
        var r = RunExample("december-escalation.yaml");
        AssertMeasure(r, Measures.RegionalTension, null, -8, -13);
        AssertMeasure(r, Measures.NationalSecurity, null, 0, -2);
        Assert.Equal(("Yellow", "Orange", true), (r.Colour.Baseline, r.Colour.Scenario, r.Colour.Changed));
        Assert.Equal(-5, r.Colour.BaselineDistance.ToMoreSevere); // exactly the five points the scenario adds
        Assert.All(r.Measures.Where(m => m.PartnerCode is not null), m => Assert.Equal(0, m.Delta));
        Assert.Equal("18-SEC-H1", r.AppliedChanges[0].EventId);
    }

    [Fact]
    public void Eight_point_bands_turn_minus_8_Green()
    {
        var r = RunExample("eight-point-bands.yaml");
        Assert.All(r.Measures, m => Assert.Equal(0, m.Delta));
        Assert.Equal(("Yellow", "Green", true), (r.Colour.Baseline, r.Colour.Scenario, r.Colour.Changed));
        Assert.Equal((-1, 8), r.Colour.ScenarioDistance);
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        var r = RunExample("softer-eu-sanctions-coding.yaml");
        var json = JsonNode.Parse(ScenarioJson.Serialize(r, RepoData.Dataset.Partners))!.AsObject();
        Assert.Equal("Softer coding of the EU sanctions, plus a ministerial visit", (string?)json["scenario"]);
        Assert.Equal(18, (int)json["issue"]!);
        var measures = json["measures"]!.AsArray();
        var eu = measures.Single(m => (string?)m!["measure"] == "index" && (string?)m["partner"]?["code"] == "EU")!;
        Assert.Equal((-14, -8, 6), ((int)eu["baseline"]!, (int)eu["scenario"]!, (int)eu["delta"]!));
        Assert.Contains(measures, m => (string?)m!["measure"] == "positive" && (string?)m["partner"]?["code"] == "EU");
        Assert.Contains(measures, m => (string?)m!["measure"] == "negative" && (string?)m["partner"]?["code"] == "EU");
        var ns = measures.Single(m => (string?)m!["measure"] == "nationalSecurity")!;
        Assert.Null(ns["partner"]);
        Assert.Equal(0, (int)ns["delta"]!);
        Assert.Single(measures, m => (string?)m!["measure"] == "regionalTension");
        var colour = measures.Single(m => (string?)m!["measure"] == "regionalTensionColour")!;
        Assert.Equal(("Yellow", "Yellow", false), ((string?)colour["baseline"], (string?)colour["scenario"], (bool)colour["changed"]!));
        var changes = json["changes"]!.AsArray();
        Assert.Equal(3, changes.Count);
        var add = changes[2]!;
        Assert.Equal(("add", "18-EU-H1", true, 2), ((string?)add["kind"], (string?)add["id"], (bool)add["hypothetical"]!, (int)add["after"]!["score"]!));
        Assert.False((bool)changes[0]!["hypothetical"]!);
        Assert.Equal((-3, -1), ((int)changes[0]!["before"]!["score"]!, (int)changes[0]!["after"]!["score"]!));
        Assert.Equal(-5, (int)json["regionalTensionDistance"]!["baseline"]!["toMoreSevere"]!);
        Assert.Null(json["thresholds"]);
    }

    [Fact]
    public void Shipped_data_files_are_byte_for_byte_unchanged()
    {
        static Dictionary<string, string> Hashes() =>
            Directory.GetFiles(RepoData.Directory, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .ToDictionary(f => Path.GetRelativePath(RepoData.Directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

        var before = Hashes();
        Assert.Contains(Path.Combine("barometer", "relationship_events.csv"), before.Keys);
        var data = Analysis.Loading.BarometerDataLoader.Load(RepoData.Directory);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot, "scenarios"), "*.yaml"))
        {
            ScenarioEngine.TryRunFile(data, file).OrThrow();
        }

        ScenarioEngine.Run(data, new Scenario("all kinds", 18,
        [
            new RemoveEvent("18-RU-01"), new RescoreEvent("18-SEC-01", NationalSecurity: -3),
            new AddRelationshipEvent("UA", "Early December", "x", 3),
            new ReplaceThresholds([new("White", 0, null), new("Red", null, -1)]),
        ]));
        SensitivityAnalysis.Run(data, 18, new SensitivityOptions(Runs: 100));
        Assert.Equal(before, Hashes());
    }
}
