using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// One value rendered under several MIME types (the <c>data</c> of a <c>display_data</c> or
/// <c>execute_result</c> output). Insertion order is kept; <c>text/plain</c> is expected in every bundle.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "A MIME bundle is the Jupyter protocol's name for this value.")]
public sealed class MimeBundle : IReadOnlyDictionary<string, string>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    /// <summary>Creates an empty bundle.</summary>
    public MimeBundle()
    {
    }

    /// <summary>Creates a bundle from (MIME type, text) pairs.</summary>
    public MimeBundle(IEnumerable<KeyValuePair<string, string>> items)
    {
        foreach (var (mime, text) in items)
        {
            this[mime] = text;
        }
    }

    /// <summary>
    /// When set, the bundle is shown at once and replaced by this task's bundle when it completes (a chart's PNG, rendered
    /// off the cell's critical path): the display gets a <c>display_id</c> and an <c>update_display_data</c>. Not copied.
    /// </summary>
    internal Task<MimeBundle>? Completion { get; set; }

    /// <summary>Number of MIME types.</summary>
    public int Count => _items.Count;

    /// <summary>MIME types in insertion order.</summary>
    public IEnumerable<string> Keys => _items.Select(i => i.Key);

    /// <summary>Rendered texts in insertion order.</summary>
    public IEnumerable<string> Values => _items.Select(i => i.Value);

    /// <summary>Gets or sets (replacing) the rendering for a MIME type.</summary>
    public string this[string mimeType]
    {
        get => TryGetValue(mimeType, out var value) ? value : throw new KeyNotFoundException(mimeType);
        set
        {
            var index = _items.FindIndex(i => i.Key == mimeType);
            if (index >= 0)
            {
                _items[index] = new(mimeType, value);
            }
            else
            {
                _items.Add(new(mimeType, value));
            }
        }
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _items.Exists(i => i.Key == key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out string value)
    {
        foreach (var item in _items)
        {
            if (item.Key == key)
            {
                value = item.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Removes a MIME type if present.</summary>
    public bool Remove(string mimeType) => _items.RemoveAll(i => i.Key == mimeType) > 0;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The nbformat <c>data</c> object: JSON MIME types (<c>application/json</c>, <c>*+json</c>) are embedded
    /// as JSON; text types are stored as arrays of lines, as Jupyter writes them.
    /// </summary>
    public JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (mime, text) in _items)
        {
            data[mime] = ToJsonValue(mime, text);
        }

        return data;
    }

    internal static JsonNode? ToJsonValue(string mime, string text)
    {
        if (IsJsonMime(mime))
        {
            try
            {
                return JsonNode.Parse(text, JupyterJson.NodeOptions, JupyterJson.DocumentOptions);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return IsSplitMime(mime) ? JupyterJson.SplitLines(text) : JsonValue.Create(text);
    }

    /// <summary>Reads a bundle back from an nbformat <c>data</c> object.</summary>
    public static MimeBundle FromJson(JsonObject? data)
    {
        var bundle = new MimeBundle();
        if (data is null)
        {
            return bundle;
        }

        foreach (var (mime, node) in data)
        {
            bundle[mime] = node switch
            {
                null => "null",
                JsonArray lines when !IsJsonMime(mime) => JupyterJson.JoinLines(lines),
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                _ => node.ToJsonString(),
            };
        }

        return bundle;
    }

    internal static bool IsJsonMime(string mime) =>
        mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    // nbformat splits text/* plus these two into lines when writing (nbformat.v4.rwbase._split_mime_bundle).
    internal static bool IsSplitMime(string mime) =>
        mime.StartsWith("text/", StringComparison.Ordinal) || mime is "application/javascript" or "image/svg+xml";
}
