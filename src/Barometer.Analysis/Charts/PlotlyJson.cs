using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Barometer.Analysis.Charts;

/// <summary>
/// The serialiser settings of every plotly.js object: unset (null) properties are omitted so plotly's defaults apply.
/// The encoder keeps non-ASCII letters readable but always escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes,
/// so the JSON is safe inside an HTML <c>&lt;script&gt;</c> element (never use UnsafeRelaxedJsonEscaping here).
/// </summary>
public static class PlotlyJson
{
    /// <summary>Compact output, for HTML pages and the browser.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>Indented output, for <c>NAME.plotly.json</c> files and golden tests.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            WriteIndented = indented,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// Base of every plotly.js object. <see cref="Extra"/> is the escape hatch for attributes not modelled here
/// (e.g. <c>Extra = new() { ["hoverlabel"] = new { bgcolor = "white" } }</c>); they are written as they are.
/// </summary>
public abstract record PlotlyObject
{
    [JsonExtensionData]
    public Dictionary<string, object?>? Extra { get; init; }
}

/// <summary>A plotly attribute that takes either one value for all points or one value per point.</summary>
[JsonConverter(typeof(OneOrManyConverterFactory))]
public readonly record struct OneOrMany<T>
{
    public OneOrMany(T one) => (One, Many) = (one, null);
    public OneOrMany(IReadOnlyList<T> many) => (One, Many) = (default, many);

    public T? One { get; }
    public IReadOnlyList<T>? Many { get; }

    public static implicit operator OneOrMany<T>(T one) => new(one);
    public static implicit operator OneOrMany<T>(T[] many) => new(many);
    public static implicit operator OneOrMany<T>(List<T> many) => new(many);
}

internal sealed class OneOrManyConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(OneOrMany<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OneOrManyConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OneOrManyConverter<T> : JsonConverter<OneOrMany<T>>
    {
        public override OneOrMany<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.StartArray
                ? new OneOrMany<T>(JsonSerializer.Deserialize<T[]>(ref reader, options)!)
                : new OneOrMany<T>(JsonSerializer.Deserialize<T>(ref reader, options)!);

        public override void Write(Utf8JsonWriter writer, OneOrMany<T> value, JsonSerializerOptions options)
        {
            if (value.Many is not null) JsonSerializer.Serialize(writer, value.Many, options);
            else JsonSerializer.Serialize(writer, value.One, options);
        }
    }
}
