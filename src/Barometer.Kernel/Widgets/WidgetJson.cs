using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// Widget attribute values ↔ the JSON of the widget protocol: numbers, strings, booleans, null, lists, pairs
/// (<c>(int, int)</c> as a two-element array), widgets as <c>"IPY_MODEL_&lt;id&gt;"</c>, binary values as buffers named by
/// <c>buffer_paths</c>, and <see cref="JsonNode"/>s as they are.
/// </summary>
internal static class WidgetJson
{
    /// <summary>The prefix of a widget reference in state (<c>IPY_MODEL_</c>).</summary>
    public const string ReferencePrefix = "IPY_MODEL_";

    /// <summary>A value as JSON, binary values as base64 text (for links and comparisons).</summary>
    public static JsonNode? ToJson(object? value) => ToJson(value, null, null, null);

    /// <summary>A value as JSON; binary values are taken out into <paramref name="buffers"/> at <paramref name="path"/>.</summary>
    public static JsonNode? ToJson(object? value, List<JsonNode?>? path, List<JsonArray>? paths, List<byte[]>? buffers)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonNode node:
                return node.DeepClone();
            case string text:
                return JsonValue.Create(text);
            case bool flag:
                return JsonValue.Create(flag);
            case int or long or short or byte:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case double number:
                return double.IsFinite(number) ? JsonValue.Create(number) : null;
            case float or decimal:
                return JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case Enum:
                return JsonValue.Create(value.ToString());
            case Widget widget:
                return JsonValue.Create(ReferencePrefix + widget.ModelId);
            case byte[] bytes when paths is not null && buffers is not null && path is not null:
                paths.Add([.. path.Select(p => p?.DeepClone())]);
                buffers.Add(bytes);
                return null;
            case byte[] bytes:
                return JsonValue.Create(Convert.ToBase64String(bytes));
            case ValueTuple<int, int> pair:
                return new JsonArray(pair.Item1, pair.Item2);
            case ValueTuple<double, double> pair:
                return new JsonArray(pair.Item1, pair.Item2);
            case IEnumerable items:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in items)
                {
                    array.Add(ToJson(item, path is null ? null : [.. path, JsonValue.Create(index)], paths, buffers));
                    index++;
                }

                return array;
            default:
                throw new ArgumentException($"A widget attribute cannot hold a {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>A JSON value as <paramref name="type"/>; widget references are looked up in <paramref name="manager"/>.</summary>
    public static object? FromJson(JsonNode? node, Type type, WidgetManager manager)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (node is null)
        {
            return type.IsValueType && underlying is null ? Activator.CreateInstance(type) : null;
        }

        type = underlying ?? type;
        if (type == typeof(JsonNode) || type == typeof(object))
        {
            return node.DeepClone();
        }

        if (type == typeof(string))
        {
            return node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        }

        if (type == typeof(bool))
        {
            return node.GetValue<bool>();
        }

        if (type == typeof(int))
        {
            return (int)Math.Round(Number(node));
        }

        if (type == typeof(double))
        {
            return Number(node);
        }

        if (type == typeof(byte[]))
        {
            return node.GetValue<byte[]>();
        }

        if (type == typeof((int, int)) && node is JsonArray { Count: 2 } ints)
        {
            return ((int)Math.Round(Number(ints[0]!)), (int)Math.Round(Number(ints[1]!)));
        }

        if (type == typeof((double, double)) && node is JsonArray { Count: 2 } doubles)
        {
            return (Number(doubles[0]!), Number(doubles[1]!));
        }

        if (typeof(Widget).IsAssignableFrom(type))
        {
            var text = node.GetValue<string>();
            return text.StartsWith(ReferencePrefix, StringComparison.Ordinal) && manager.TryGetWidget(text[ReferencePrefix.Length..], out var widget)
                ? widget
                : throw new ArgumentException($"'{text}' names no open widget.", nameof(node));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && node is JsonArray list)
        {
            var element = type.GetGenericArguments()[0];
            var result = Array.CreateInstance(element, list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                result.SetValue(FromJson(list[i], element, manager), i);
            }

            return result;
        }

        throw new ArgumentException($"A widget attribute of type {type.Name} cannot be read from JSON.", nameof(type));
    }

    /// <summary>A JSON number (parsed or made from any .NET number type) as a double.</summary>
    private static double Number(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>Puts binary buffers into a received state at their <c>buffer_paths</c>.</summary>
    public static void InsertBuffers(JsonObject state, JsonArray? paths, IReadOnlyList<byte[]> buffers)
    {
        if (paths is null)
        {
            return;
        }

        for (var i = 0; i < paths.Count && i < buffers.Count; i++)
        {
            if (paths[i] is not JsonArray { Count: > 0 } path)
            {
                continue;
            }

            JsonNode? container = state;
            for (var step = 0; step < path.Count - 1 && container is not null; step++)
            {
                container = path[step]!.GetValueKind() == JsonValueKind.Number ? container[path[step]!.GetValue<int>()] : container[path[step]!.GetValue<string>()];
            }

            var last = path[^1]!;
            var bytes = JsonValue.Create(buffers[i]);
            if (container is JsonArray array && last.GetValueKind() == JsonValueKind.Number)
            {
                array[last.GetValue<int>()] = bytes;
            }
            else if (container is JsonObject obj && last.GetValueKind() == JsonValueKind.String)
            {
                obj[last.GetValue<string>()] = bytes;
            }
        }
    }

    /// <summary>The widgets a value refers to (itself, or the elements of a list).</summary>
    public static IEnumerable<Widget> WidgetsIn(object? value) => value switch
    {
        Widget widget => [widget],
        string or JsonNode or byte[] => [],
        IEnumerable items => items.Cast<object?>().SelectMany(WidgetsIn),
        _ => [],
    };

    /// <summary>Whether two attribute values are the same (lists element by element, widgets by identity).</summary>
    public static bool SameValue(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (a is Widget || b is Widget)
        {
            return false;
        }

        if (a is JsonNode || b is JsonNode)
        {
            return JsonNode.DeepEquals(ToJson(a), ToJson(b));
        }

        if (a is not string && b is not string && a is IEnumerable first && b is IEnumerable second)
        {
            var left = first.Cast<object?>().ToList();
            var right = second.Cast<object?>().ToList();
            return left.Count == right.Count && left.Zip(right).All(p => SameValue(p.First, p.Second));
        }

        return a.Equals(b);
    }

    /// <summary>A value as ipywidgets' <c>repr</c> shows it: strings quoted, lists in brackets.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "None",
        string text => "'" + text.Replace("'", "\\'", StringComparison.Ordinal) + "'",
        bool flag => flag ? "True" : "False",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        Widget widget => widget.ModelName.Replace("Model", string.Empty, StringComparison.Ordinal) + "(…)",
        JsonNode node => node.ToJsonString(),
        byte[] bytes => $"<{bytes.Length} bytes>",
        ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => ToText(tuple[i]))) + ")",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(ToText)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary><c>ReadoutFormat</c> → <c>readout_format</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
