using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Plotly.NET;

namespace Barometer.Analysis.Charts;

/// <summary>
/// The JSON of a Plotly.NET chart: <c>{data, layout, config}</c>, exactly what <c>Plotly.newPlot</c> and
/// <c>Plotly.toImage</c> take. Plotly.NET serialises (with Newtonsoft.Json, which leaves <c>&lt;</c> as it is); the
/// text is then re-written with an encoder that keeps non-ASCII letters readable but always escapes <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c> and quotes, so the JSON is safe inside an HTML <c>&lt;script&gt;</c> element.
/// </summary>
public static class FigureJson
{
    private static readonly JsonSerializerOptions Compact = Create(indented: false);
    private static readonly JsonSerializerOptions Indented = Create(indented: true);

    /// <summary>The chart as script-safe JSON; indented for files, compact for pages.</summary>
    public static string Of(GenericChart chart, bool indented = true) => ToNode(chart).ToJsonString(indented ? Indented : Compact);

    /// <summary>The chart as a JSON tree (for mime bundles): <c>data</c>, <c>layout</c> and <c>config</c>.</summary>
    public static JsonObject ToNode(GenericChart chart)
    {
        var node = JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();
        if (node["config"] is JsonObject { Count: 0 })
        {
            node.Remove("config");
        }

        return node;
    }

    /// <summary>A JSON string literal that is safe in a script element.</summary>
    public static string StringLiteral(string text) => JsonSerializer.Serialize(text, Compact);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), WriteIndented = indented };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
