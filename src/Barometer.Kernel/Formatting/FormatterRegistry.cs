using System.Globalization;

namespace Barometer.Kernel.Formatting;

/// <summary>
/// Formatters and preferred MIME types registered by notebook code (the .NET Interactive API
/// <c>Formatter.Register&lt;T&gt;(...)</c>, <c>Formatter.SetPreferredMimeTypesFor(...)</c>): one registry per session's
/// <see cref="FormatterSet"/>, so two notebooks in one process do not see each other's registrations. Consulted before
/// everything else for a value and, by the HTML table renderer, for the items and cells inside a collection.
/// A formatter registered for a type applies to its subtypes and implementations; for an open generic type
/// (<c>typeof(List&lt;&gt;)</c>) to its constructed types. The most specific registration wins; among equally
/// specific ones, the latest.
/// </summary>
internal sealed class FormatterRegistry
{
    private readonly object _gate = new();
    private readonly List<Registration> _formatters = [];
    private readonly List<(Type Type, string[] MimeTypes)> _preferred = [];

    /// <summary>Whether anything is registered (a cheap check before each value is formatted).</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _formatters.Count == 0 && _preferred.Count == 0;
            }
        }
    }

    /// <summary>Registers <paramref name="format"/> for values of <paramref name="type"/> in <paramref name="mimeType"/>.</summary>
    public void Register(Type type, string mimeType, Func<object, TextWriter, bool> format)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(format);
        lock (_gate)
        {
            _formatters.Add(new Registration(type, mimeType, format));
        }
    }

    /// <summary>Shows values of <paramref name="type"/> (and subtypes) in only these MIME types (<c>text/plain</c> is kept).</summary>
    public void SetPreferredMimeTypes(Type type, string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            _preferred.RemoveAll(p => p.Type == type);
            _preferred.Add((type, mimeTypes.Where(m => !string.IsNullOrWhiteSpace(m)).ToArray()));
        }
    }

    /// <summary>Forgets every registration (<c>Formatter.ResetToDefault()</c>).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _formatters.Clear();
            _preferred.Clear();
        }
    }

    /// <summary>The MIME types preferred for <paramref name="type"/>, or null when none were set.</summary>
    public IReadOnlyList<string>? PreferredMimeTypesFor(Type type)
    {
        lock (_gate)
        {
            return _preferred
                .Select(p => (p.MimeTypes, Distance: Distance(p.Type, type)))
                .Where(p => p.Distance >= 0)
                .OrderBy(p => p.Distance)
                .Select(p => p.MimeTypes)
                .FirstOrDefault();
        }
    }

    /// <summary>
    /// Runs the best registered formatter for each MIME type that has one for <paramref name="value"/>; a formatter
    /// that throws or declines is skipped (the next best for its MIME type is tried).
    /// </summary>
    public Dictionary<string, string> FormatAll(object value)
    {
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Candidates(value.GetType()).GroupBy(c => c.MimeType, StringComparer.Ordinal))
        {
            foreach (var candidate in group)
            {
                if (TryRun(candidate, value, out var text))
                {
                    results[group.Key] = text;
                    break;
                }
            }
        }

        return results;
    }

    /// <summary>The output of the best registered formatter for <paramref name="value"/> in <paramref name="mimeType"/>, or null.</summary>
    public string? TryFormat(object? value, string mimeType)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var candidate in Candidates(value.GetType()).Where(c => c.MimeType == mimeType))
        {
            if (TryRun(candidate, value, out var text))
            {
                return text;
            }
        }

        return null;
    }

    private List<Registration> Candidates(Type type)
    {
        lock (_gate)
        {
            return _formatters
                .Select((r, index) => (Registration: r, Index: index, Distance: Distance(r.Type, type)))
                .Where(c => c.Distance >= 0)
                .OrderBy(c => c.Distance)
                .ThenByDescending(c => c.Index)
                .Select(c => c.Registration)
                .ToList();
        }
    }

    private static bool TryRun(Registration registration, object value, out string text)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            if (registration.Format(value, writer))
            {
                text = writer.ToString();
                return true;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing formatter must not fail the cell: the next one (or the default rendering) is used.
        }

        text = string.Empty;
        return false;
    }

    /// <summary>
    /// How far <paramref name="registered"/> is from <paramref name="actual"/>: 0 the same type, 1 its base type, …;
    /// interfaces after every class; −1 when it does not apply.
    /// </summary>
    internal static int Distance(Type registered, Type actual)
    {
        var depth = 0;
        for (var current = actual; current is not null; current = current.BaseType, depth++)
        {
            if (current == registered || (registered.IsGenericTypeDefinition && current.IsGenericType && current.GetGenericTypeDefinition() == registered))
            {
                return depth;
            }
        }

        foreach (var implemented in actual.GetInterfaces())
        {
            if (implemented == registered || (registered.IsGenericTypeDefinition && implemented.IsGenericType && implemented.GetGenericTypeDefinition() == registered))
            {
                return 1000;
            }
        }

        return -1;
    }

    private sealed record Registration(Type Type, string MimeType, Func<object, TextWriter, bool> Format);
}
