using System.Text.Json.Nodes;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Model;
using Barometer.Analysis.Scenarios;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Scenarios;

public class ScenarioFigureTests
{
    private static ScenarioResult Example(string file) =>
        ScenarioEngine.TryRunFile(RepoData.Dataset, ExampleScenarioTests.ScenarioPath(file), $"scenarios/{file}").OrThrow();

    [Fact]
    public void Comparison_shows_baseline_and_scenario_per_measure()
    {
        var figure = ScenarioFigures.Comparison(Example("december-escalation.yaml"));
        Assert.Equal("whatif-december-escalation", figure.Name);
        Assert.Equal("What if: December escalation", figure.Title);
        var json = JsonNode.Parse(FigureJson.Of(figure.Chart))!;
        var data = json["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.All(data, t => Assert.Equal("bar", (string?)t!["type"]));
        // Five partner indices, national security, regional tension.
        var baseline = data[0]!["y"]!.AsArray().Select(v => (int)v!).ToArray();
        var scenario = data[1]!["y"]!.AsArray().Select(v => (int)v!).ToArray();
        Assert.Equal([14, -14, 15, -16, -4, 0, -8], baseline);
        Assert.Equal([14, -14, 15, -16, -4, -2, -13], scenario);
        var ticks = json["layout"]!["xaxis"]!["ticktext"]!.AsArray().Select(t => (string)t!).ToArray();
        Assert.Contains("Yellow → Orange", ticks[^1]);
        Assert.Equal("group", (string?)json["layout"]!["barmode"]);
    }

    [Fact]
    public void Comparison_table_holds_every_measure_and_the_colour()
    {
        var r = Example("without-december-sanctions.yaml");
        var table = ScenarioFigures.Comparison(r).Data;
        Assert.Equal(r.Measures.Count + 1, table.Rows.Count);
        var us = table.Rows.Single(row => (string?)row[2] == Measures.Index && (string?)row[3] == "US");
        Assert.Equal([18, "Without the December sanctions", "index", "US", "US", -16, -12, 4], us);
        Assert.Equal(["Yellow", "Yellow", "same"], table.Rows[^1].Skip(5));
    }

    [Theory]
    [InlineData("scenarios/Without the December sanctions.yaml", "x", "whatif-without-the-december-sanctions")]
    [InlineData(null, "Ça & là!", "whatif-a-l")]
    [InlineData(null, "!!!", "whatif")]
    public void Figure_names_are_file_slugs(string? file, string name, string expected) =>
        Assert.Equal(expected, ScenarioFigures.FigureName(new Scenario(name, 18, [], File: file)));

    [Fact]
    public void Labels_are_escaped_for_plotly()
    {
        var r = ScenarioEngine.Run(RepoData.Dataset, new Scenario("<b>bold</b> & co", 18, [new RemoveEvent("18-US-20")]));
        var json = JsonNode.Parse(FigureJson.Of(ScenarioFigures.Comparison(r).Chart))!;
        static IEnumerable<string> Strings(JsonNode? node) => node switch
        {
            JsonObject o => o.SelectMany(p => Strings(p.Value)),
            JsonArray a => a.SelectMany(Strings),
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
        var strings = Strings(json).ToArray();
        Assert.DoesNotContain(strings, s => s.Contains("<b>bold</b>", StringComparison.Ordinal));
        Assert.Contains(strings, s => s.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; co", StringComparison.Ordinal));
        Assert.StartsWith("What if: &lt;b&gt;bold&lt;/b&gt; &amp; co<br>", (string?)json["layout"]!["title"]!["text"]);
    }
}
