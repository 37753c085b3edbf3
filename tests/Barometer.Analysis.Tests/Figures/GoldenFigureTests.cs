using System.Text.Json;
using System.Text.Json.Nodes;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Tests.Charts;

namespace Barometer.Analysis.Tests.Figures;

/// <summary>
/// Each issue-18 figure's plotly JSON against <c>Golden/figures/NAME.plotly.json</c>, compared as normalised JSON
/// (object keys sorted). A missing or different golden file fails; the files are rewritten only when
/// <c>BAROMETER_UPDATE_GOLDEN=1</c> is set — review the diff before committing them.
/// </summary>
public class GoldenFigureTests
{
    public const string UpdateVariable = "BAROMETER_UPDATE_GOLDEN";

    public static TheoryData<string> Names => new(IssueFigures.Names.All);

    private static string GoldenPath(string name) =>
        Path.Combine(ChartTestData.RepositoryRoot, "tests", "Barometer.Analysis.Tests", "Golden", "figures", name + ".plotly.json");

    [Theory]
    [MemberData(nameof(Names))]
    public void Figure_json_matches_its_golden_file(string name)
    {
        var actual = FigureJson.Of(ChartTestData.Figure(name).Chart) + "\n";
        var path = GoldenPath(name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; create it with {UpdateVariable}=1 dotnet test … and review it");
        var expected = Normalise(File.ReadAllText(path));
        var got = Normalise(actual);
        if (expected == got)
        {
            return;
        }

        var (e, g) = (expected.Split('\n'), got.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(e.Length, g.Length)).FirstOrDefault(i => e[i] != g[i], Math.Min(e.Length, g.Length));
        Assert.Fail($"{name}: figure JSON differs from {path} at normalised line {line + 1}:\n" +
                    $"  golden: {(line < e.Length ? e[line].Trim() : "<end>")}\n  actual: {(line < g.Length ? g[line].Trim() : "<end>")}\n" +
                    $"If the change is intended, rerun with {UpdateVariable}=1 and review the diff.");
    }

    /// <summary>The JSON with every object's keys sorted, indented: equal text means equal JSON.</summary>
    public static string Normalise(string json) =>
        Sort(JsonNode.Parse(json))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    [Fact]
    public void Normalising_ignores_key_order_and_layout_only()
    {
        Assert.Equal(Normalise("{\"b\":1,\"a\":[{\"d\":2,\"c\":3}]}"), Normalise("{ \"a\": [ { \"c\": 3, \"d\": 2 } ], \"b\": 1 }"));
        Assert.NotEqual(Normalise("{\"a\":[1,2]}"), Normalise("{\"a\":[2,1]}"));
    }
}
