using System.Text.Json.Nodes;
using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Tests.Formatting;

/// <summary>A Plotly.NET chart and a DataFrame built in a cell display as a notebook reader expects.</summary>
public class KnownTypeDisplayTests
{
    private static string Dll(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll").Replace("\\", "/");

    private static string References(params string[] names) => string.Concat(names.Select(n => $"#r \"{Dll(n)}\"\n"));

    private static ScriptSession NewSession() => new(new ScriptSessionOptions { DocumentName = "charts.ipynb" });

    private const string PointChart =
        "Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, -4.0 }, Name: \"</script><b>\")";

    [Fact]
    public async Task A_plotly_chart_built_in_a_cell_shows_as_plotly_json_offline_html_and_text()
    {
        using var session = NewSession();
        var first = await session.ExecuteAsync(References("FSharp.Core", "DynamicObj", "Plotly.NET", "Plotly.NET.CSharp") + PointChart);
        var second = await session.ExecuteAsync(PointChart);

        Assert.True(first.Succeeded, first.Error?.EValue);
        var data = Assert.Single(first.Outputs).Data;
        var figure = JsonNode.Parse(data["application/vnd.plotly.v1+json"])!;
        Assert.Equal("scatter", (string?)figure["data"]![0]!["type"]);
        Assert.Equal(-4.0, (double)figure["data"]![0]!["y"]![1]!);
        Assert.DoesNotContain("</script><b>", data["application/vnd.plotly.v1+json"]);
        // A live session (the default): its first chart carries plotly.js itself, the next relies on it.
        Assert.Contains("plotly.js v2.28.0", data["text/html"]);
        Assert.Contains("Plotly.newPlot", data["text/html"]);
        Assert.DoesNotContain("<script src=", data["text/html"]);
        var next = Assert.Single(second.Outputs).Data["text/html"];
        Assert.DoesNotContain("plotly.js v2.28.0", next);
        Assert.True(next.Length < 20_000);
        Assert.StartsWith("Plotly chart", data["text/plain"]);
    }

    [Fact]
    public async Task A_data_frame_shows_its_shape_column_types_and_first_rows()
    {
        using var session = NewSession();
        var result = await session.ExecuteAsync(References("Microsoft.Data.Analysis", "Apache.Arrow", "Microsoft.ML.DataView") +
            "using Microsoft.Data.Analysis;\n" +
            "var df = new DataFrame(new StringDataFrameColumn(\"partner\", new[] { \"RU\", \"<EU>\" }), new Int32DataFrameColumn(\"index\", new int?[] { 14, null }));\n" +
            "df");

        Assert.True(result.Succeeded, result.Error?.EValue);
        var data = Assert.Single(result.Outputs).Data;
        Assert.Contains("2 rows &#215; 2 columns", data["text/html"]);
        Assert.Contains("<th>index<br><small>int</small></th>", data["text/html"]);
        Assert.Contains("&lt;EU&gt;", data["text/html"]);
        Assert.Equal("DataFrame: 2 rows × 2 columns\npartner  index\nstring     int\nRU          14\n<EU>", data["text/plain"]);
    }
}
