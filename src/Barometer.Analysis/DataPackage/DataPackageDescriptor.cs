using System.Text.Json;
using System.Text.Json.Serialization;

namespace Barometer.Analysis.DataPackage;

/// <summary>
/// The parts of a Frictionless Data Package descriptor (<c>data/datapackage.json</c>) that we use: resources with a
/// Table Schema each (fields, types, constraints, primary and foreign keys). Unknown properties are kept in
/// <see cref="Extra"/> so nothing is lost. See https://specs.frictionlessdata.io/data-package/ and /table-schema/.
/// </summary>
internal sealed record DataPackageDescriptor
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("resources")] public IReadOnlyList<DataResource> Resources { get; init; } = [];
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    public const string FileName = "datapackage.json";

    private static readonly JsonSerializerOptions Options = new() { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The descriptor in <paramref name="json"/>.</summary>
    /// <exception cref="JsonException">Not a descriptor.</exception>
    public static DataPackageDescriptor Parse(string json) =>
        JsonSerializer.Deserialize<DataPackageDescriptor>(json, Options) ?? throw new JsonException("empty descriptor");

    public DataResource? Find(string name) => Resources.FirstOrDefault(r => r.Name == name);
}

/// <summary>One table of the package: its name, CSV path (relative to the descriptor) and schema.</summary>
public sealed record DataResource
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("schema")] public required TableSchema Schema { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record TableSchema
{
    [JsonPropertyName("fields")] public IReadOnlyList<FieldDescriptor> Fields { get; init; } = [];

    /// <summary>The primary key: one field name or a list (the spec allows both).</summary>
    [JsonPropertyName("primaryKey")] public JsonElement? PrimaryKeyElement { get; init; }
    [JsonPropertyName("foreignKeys")] public IReadOnlyList<ForeignKey> ForeignKeys { get; init; } = [];
    [JsonPropertyName("missingValues")] public IReadOnlyList<string> MissingValues { get; init; } = [""];
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> PrimaryKey => FieldList(PrimaryKeyElement);

    internal static IReadOnlyList<string> FieldList(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => [e.GetString()!],
        { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(x => x.GetString()!).ToArray(),
        _ => [],
    };
}

/// <summary>A column: its name, Table Schema type (string, integer, number, boolean, date, year) and constraints.</summary>
public sealed record FieldDescriptor
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("type")] public string Type { get; init; } = "string";
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>Unit of the values (our extension of the spec, as OWID keeps units with columns).</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }
    [JsonPropertyName("constraints")] public FieldConstraints? Constraints { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record FieldConstraints
{
    [JsonPropertyName("required")] public bool Required { get; init; }
    [JsonPropertyName("unique")] public bool Unique { get; init; }
    [JsonPropertyName("enum")] public IReadOnlyList<JsonElement>? Enum { get; init; }
    [JsonPropertyName("pattern")] public string? Pattern { get; init; }
    [JsonPropertyName("minimum")] public JsonElement? Minimum { get; init; }
    [JsonPropertyName("maximum")] public JsonElement? Maximum { get; init; }
    [JsonPropertyName("minLength")] public int? MinLength { get; init; }
    [JsonPropertyName("maxLength")] public int? MaxLength { get; init; }
}

public sealed record ForeignKey
{
    [JsonPropertyName("fields")] public JsonElement FieldsElement { get; init; }
    [JsonPropertyName("reference")] public required ForeignKeyReference Reference { get; init; }

    [JsonIgnore] public IReadOnlyList<string> Fields => TableSchema.FieldList(FieldsElement);
}

public sealed record ForeignKeyReference
{
    /// <summary>The referenced resource's name; empty means this same resource.</summary>
    [JsonPropertyName("resource")] public string Resource { get; init; } = "";
    [JsonPropertyName("fields")] public JsonElement FieldsElement { get; init; }

    [JsonIgnore] public IReadOnlyList<string> Fields => TableSchema.FieldList(FieldsElement);
}
