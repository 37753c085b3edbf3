using System.Text.Json;
using System.Text.Json.Serialization;

namespace Barometer.Cli.Rendering;

/// <summary>How the commands write JSON for scripts: camelCase, indented, enums as camelCase strings.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // stdout is not HTML: keep "–" and "№" readable rather than \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
