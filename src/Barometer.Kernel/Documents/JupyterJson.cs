using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// JSON helpers that reproduce what Jupyter (Python <c>json.dumps(nb, sort_keys=True, indent=1,
/// ensure_ascii=False)</c>) and VS Code write for <c>.ipynb</c> files, so a notebook read and written
/// back is byte-for-byte the same when it came from those tools.
/// </summary>
internal static class JupyterJson
{
    /// <summary>
    /// The default notebook- and cell-metadata key under which the notebook runner records parameters, timing and
    /// status (as papermill writes <c>metadata.papermill</c>); a host may choose another
    /// (<see cref="Running.NotebookRunOptions.MetadataKey"/>).
    /// </summary>
    public const string RunnerMetadataKey = "notebook_runner";

    /// <summary>The object at <paramref name="key"/> of <paramref name="parent"/>, created empty if absent.</summary>
    internal static JsonObject GetOrAddObject(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    internal static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    internal static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, MaxDepth = 256 };

    /// <summary>Serializes <paramref name="node"/> with the given indent (Jupyter uses 1); keys are sorted when <paramref name="sortKeys"/> is set.</summary>
    public static string Serialize(JsonNode? node, int indent = 1, bool sortKeys = true)
    {
        var builder = new StringBuilder();
        Write(builder, node, indent, sortKeys, 0);
        return builder.ToString();
    }

    /// <summary>Serializes on one line with no spaces (the form used for the <c>#!meta</c> line of .dib files).</summary>
    public static string SerializeCompact(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteCompact(builder, node);
        return builder.ToString();
    }

    /// <summary>
    /// Splits text into nbformat's "multiline string" form: an array of lines, each but the last keeping
    /// its line terminator (Python's <c>str.splitlines(True)</c> for <c>\n</c>, <c>\r\n</c>, <c>\r</c>).
    /// </summary>
    public static JsonArray SplitLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || c == '\r')
            {
                var end = i + 1;
                if (c == '\r' && end < text.Length && text[end] == '\n')
                {
                    end++;
                    i++;
                }

                array.Add(JsonValue.Create(text[start..end]));
                start = end;
            }
        }

        if (start < text.Length)
        {
            array.Add(JsonValue.Create(text[start..]));
        }

        return array;
    }

    /// <summary>
    /// The error for JSON that does not parse, at a 1-based line and character column (System.Text.Json counts lines
    /// from 0 and bytes within the line from 0): "The notebook is not valid JSON at line 4, column 5: ...".
    /// </summary>
    public static NotebookFormatException InvalidJson(string what, string text, JsonException ex)
    {
        // System.Text.Json appends "[Path: $ |] LineNumber: 3 | BytePositionInLine: 4." to its message; the position is said our way.
        var reason = ex.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var suffix = reason.IndexOf(marker, StringComparison.Ordinal);
            if (suffix > 0)
            {
                reason = reason[..suffix];
            }
        }
        if (ex.LineNumber is not { } line0 || ex.BytePositionInLine is not { } byte0)
        {
            return new NotebookFormatException($"{what} is not valid JSON: {reason}", ex);
        }

        var (line, column) = Position(text, (int)line0, (int)byte0);
        return new NotebookFormatException($"{what} is not valid JSON at line {line}, column {column}: {reason}", ex) { Line = line, Column = column };
    }

    /// <summary>1-based line and character column of the 0-based <paramref name="line0"/> and UTF-8 byte offset within it.</summary>
    private static (int Line, int Column) Position(string text, int line0, int byte0)
    {
        var start = 0;
        for (var l = 0; l < line0; l++)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                break;
            }

            start = next + 1;
        }
        var end = text.IndexOf('\n', start);
        var lineText = end < 0 ? text[start..] : text[start..end];
        var bytes = System.Text.Encoding.UTF8.GetBytes(lineText);
        var characters = System.Text.Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(byte0, bytes.Length));
        return (line0 + 1, characters + 1);
    }

    /// <summary>Joins nbformat's multiline string (a string or an array of strings) into one string.</summary>
    public static string JoinLines(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return string.Empty;
            case JsonArray array:
                var builder = new StringBuilder();
                foreach (var item in array)
                {
                    builder.Append(item?.GetValue<string>());
                }

                return builder.ToString();
            default:
                return node.GetValue<string>();
        }
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, bool sortKeys, int depth)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append('{');
                var properties = sortKeys
                    ? obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList()
                    : obj.ToList();
                for (var i = 0; i < properties.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n");
                    sb.Append(' ', indent * (depth + 1));
                    WriteString(sb, properties[i].Key);
                    sb.Append(": ");
                    Write(sb, properties[i].Value, indent, sortKeys, depth + 1);
                }

                sb.Append('\n').Append(' ', indent * depth).Append('}');
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n");
                    sb.Append(' ', indent * (depth + 1));
                    Write(sb, array[i], indent, sortKeys, depth + 1);
                }

                sb.Append('\n').Append(' ', indent * depth).Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteCompact(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, child) in obj)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    WriteCompact(sb, child);
                }

                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteCompact(sb, array[i]);
                }

                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            case JsonValueKind.Number:
                // Values parsed from a file keep their original token text; values created here are written
                // invariantly (shortest round-trip form for doubles, always with a '.', as Python's repr does).
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    sb.Append(element.GetRawText());
                }
                else if (value.TryGetValue<double>(out var d))
                {
                    sb.Append(FormatDouble(d));
                }
                else
                {
                    sb.Append(value.ToJsonString());
                }

                break;
            default:
                sb.Append(value.ToJsonString());
                break;
        }
    }

    private static string FormatDouble(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) || text.Contains("Infinity", StringComparison.Ordinal) || text.Contains("NaN", StringComparison.Ordinal)
            ? text
            : text + ".0";
    }

    /// <summary>Writes a JSON string literal escaped like Python's <c>ensure_ascii=False</c> and JavaScript's <c>JSON.stringify</c>.</summary>
    private static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
