using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Barometer.Kernel.Formatting;

/// <summary>
/// The default <c>text/plain</c> rendering: <c>ToString()</c> where a type provides a useful one (records,
/// tuples, anonymous types, numbers), <c>[a, b, c]</c> for collections, <c>{ key: value }</c> for dictionaries,
/// <c>Type { Property = value }</c> for objects that do not override <c>ToString()</c>. Invariant culture.
/// </summary>
internal sealed class PlainTextRenderer(int maxItems, int maxDepth)
{
    private const int InlineWidth = 120;

    public const string NullText = "<null>";

    /// <summary>
    /// Top-level rendering: the one-line form, except that a collection too long or too deep for one line is listed
    /// item by item.
    /// </summary>
    public string Render(object? value)
    {
        var inline = Inline(value, 0);
        return value is IEnumerable enumerable and not string && (inline.Length > InlineWidth || inline.Contains('\n', StringComparison.Ordinal))
            ? Multiline(enumerable, value.GetType())
            : inline;
    }

    private string Multiline(IEnumerable enumerable, Type type)
    {
        var (items, more) = Take(enumerable, maxItems);
        var builder = new StringBuilder();
        var count = TryCount(enumerable);
        builder.Append(TypeNames.CSharpName(type));
        builder.Append(count is int c ? $" ({c} {(c == 1 ? "item" : "items")})" : string.Empty);
        if (TryDictionaryEntries(enumerable, out var entries))
        {
            foreach (var (key, val) in entries.Take(maxItems))
            {
                builder.Append('\n').Append(Inline(key, 1)).Append(": ").Append(Inline(val, 1));
            }
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                builder.Append('\n').Append('[').Append(i).Append("] ").Append(Inline(items[i], 1));
            }
        }

        if (more)
        {
            builder.Append("\n...").Append(count is int total ? $" ({total - items.Count} more)" : " (more)");
        }

        return builder.ToString();
    }

    /// <summary>One-line rendering (used inside collections and table cells).</summary>
    public string Inline(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return NullText;
            case string s:
                return s;
            case IHtmlMarkup html:
                return html.ToHtml();
        }

        var type = value.GetType();
        if (TypeNames.IsScalar(type))
        {
            return Scalar(value);
        }

        if (depth >= maxDepth)
        {
            return TypeNames.OverridesToString(type) ? SafeToString(value) : TypeNames.CSharpName(type);
        }

        if (value is IEnumerable enumerable)
        {
            if (TryDictionaryEntries(enumerable, out var entries))
            {
                var pairs = entries.Take(maxItems + 1).ToList();
                var body = string.Join(", ", pairs.Take(maxItems).Select(p => $"{Inline(p.Key, depth + 1)}: {Inline(p.Value, depth + 1)}"));
                return "{ " + body + (pairs.Count > maxItems ? ", ..." : string.Empty) + " }";
            }

            var (items, more) = Take(enumerable, maxItems);
            var text = string.Join(", ", items.Select(i => Inline(i, depth + 1)));
            if (more)
            {
                var count = TryCount(enumerable);
                text += count is int c ? $", ... ({c - items.Count} more)" : ", ...";
            }

            return "[" + text + "]";
        }

        if (TypeNames.OverridesToString(type) || value is Exception)
        {
            return SafeToString(value);
        }

        var members = MemberReader.MembersOf(type);
        if (members.Count == 0)
        {
            return TypeNames.CSharpName(type);
        }

        var rendered = members.Select(m => $"{m.Name} = {Inline(MemberReader.Read(m, value), depth + 1)}");
        return TypeNames.CSharpName(type) + " { " + string.Join(", ", rendered) + " }";
    }

    public static string Scalar(object value) => value switch
    {
        DateTime d => d.TimeOfDay == TimeSpan.Zero && d.Kind != DateTimeKind.Utc
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + (d.Kind == DateTimeKind.Utc ? "Z" : string.Empty),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF zzz", CultureInfo.InvariantCulture).Replace(". ", " ", StringComparison.Ordinal),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => SafeToString(value),
    };

    private static string SafeToString(object value)
    {
        try
        {
            return value.ToString() ?? string.Empty;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"({value.GetType().Name}.ToString() threw {ex.GetType().Name}: {ex.Message})";
        }
    }

    internal static (List<object?> Items, bool More) Take(IEnumerable enumerable, int limit)
    {
        var items = new List<object?>();
        var more = false;
        foreach (var item in enumerable)
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(item);
        }

        return (items, more);
    }

    internal static int? TryCount(IEnumerable enumerable)
    {
        if (enumerable is ICollection collection)
        {
            return collection.Count;
        }

        try
        {
            var count = enumerable.GetType().GetProperty("Count", BindingFlags.Public | BindingFlags.Instance, null, typeof(int), Type.EmptyTypes, null);
            return count?.GetValue(enumerable) as int?;
        }
        catch (Exception ex) when (ex is AmbiguousMatchException or TargetInvocationException)
        {
            return null;
        }
    }

    private static IEnumerable<(object? Key, object? Value)> Entries(IDictionary dictionary)
    {
        // IDictionary's own enumerator yields DictionaryEntry; IEnumerable on Dictionary<,> yields KeyValuePair.
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return (enumerator.Key, enumerator.Value);
        }
    }

    /// <summary>Entries of an <see cref="IDictionary"/> or an enumerable of <see cref="KeyValuePair{TKey,TValue}"/>.</summary>
    internal static bool TryDictionaryEntries(IEnumerable enumerable, out IEnumerable<(object? Key, object? Value)> entries)
    {
        if (enumerable is IDictionary dictionary)
        {
            entries = Entries(dictionary);
            return true;
        }

        var kvp = enumerable.GetType().GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));
        if (kvp is not null)
        {
            var keyProperty = kvp.GetProperty("Key")!;
            var valueProperty = kvp.GetProperty("Value")!;
            entries = enumerable.Cast<object>().Select(e => (keyProperty.GetValue(e), valueProperty.GetValue(e)));
            return true;
        }

        entries = [];
        return false;
    }
}
