using System.Collections;
using System.Reflection;

namespace Barometer.Kernel.Formatting;

/// <summary>
/// Formatters a type declares for itself, following the .NET Interactive convention, so a library can ship
/// rich output without referencing any notebook package.
/// </summary>
/// <remarks>
/// The convention, as implemented by dotnet/interactive (<c>Formatter.TryRegisterFromConventionBasedFormatterSources</c>
/// in Microsoft.DotNet.Interactive.Formatting) and reproduced here:
/// <list type="number">
/// <item>The value's type, or a base type, carries an attribute whose type is <em>named</em>
/// <c>TypeFormatterSourceAttribute</c> (any namespace; matched by name through reflection, usually declared
/// <c>internal</c> in the user's own library).</item>
/// <item>The attribute has a <c>Type FormatterSourceType</c> property; that type is instantiated with its
/// parameterless constructor.</item>
/// <item>Its <c>CreateTypeFormatters()</c> method returns an <see cref="IEnumerable"/> of formatter objects, each
/// duck-typed: a <c>string MimeType</c> property and a <c>bool Format(object instance, TextWriter writer)</c> method
/// (returning false declines). An optional <c>Type Type</c> property limits the formatter to values of that type.</item>
/// <item>An optional <c>string[] PreferredMimeTypes</c> property on the attribute names the MIME types to show
/// for the type (<c>text/plain</c> is always kept here, so text-only viewers and CI logs see something).</item>
/// </list>
/// The most derived type carrying such attributes wins. Formatter sources are created once per type per
/// <see cref="FormatterSet"/> (the cache lives in the set; there is no global registry).
/// </remarks>
internal sealed class TypeFormatterSources
{
    public const string AttributeName = "TypeFormatterSourceAttribute";

    public static readonly TypeFormatterSources None = new([], null, null);

    private TypeFormatterSources(IReadOnlyList<ConventionFormatter> formatters, IReadOnlyList<string>? preferredMimeTypes, string? error)
    {
        Formatters = formatters;
        PreferredMimeTypes = preferredMimeTypes;
        Error = error;
    }

    public IReadOnlyList<ConventionFormatter> Formatters { get; }

    public IReadOnlyList<string>? PreferredMimeTypes { get; }

    /// <summary>Why discovery failed (e.g. the source type has no parameterless constructor); null when it did not.</summary>
    public string? Error { get; }

    public static TypeFormatterSources Discover(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            var attributes = current.GetCustomAttributes(inherit: false)
                .Where(a => a.GetType().Name == AttributeName)
                .ToList();
            if (attributes.Count == 0)
            {
                continue;
            }

            var formatters = new List<ConventionFormatter>();
            List<string>? preferred = null;
            string? error = null;
            foreach (var attribute in attributes)
            {
                try
                {
                    formatters.AddRange(CreateFormatters(attribute));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    var inner = ex is TargetInvocationException { InnerException: { } i } ? i : ex;
                    error = $"The formatter source declared on {type.FullName} failed: {inner.GetType().Name}: {inner.Message}";
                }

                if (ReadProperty(attribute, "PreferredMimeTypes") is IEnumerable<string> mimes)
                {
                    preferred ??= [];
                    preferred.AddRange(mimes.Where(m => !string.IsNullOrWhiteSpace(m) && !preferred.Contains(m)));
                }
            }

            return new TypeFormatterSources(formatters, preferred, error);
        }

        return None;
    }

    private static IEnumerable<ConventionFormatter> CreateFormatters(object attribute)
    {
        if (ReadProperty(attribute, "FormatterSourceType") is not Type sourceType)
        {
            throw new InvalidOperationException($"{attribute.GetType().FullName} has no FormatterSourceType property of type System.Type.");
        }

        var source = Activator.CreateInstance(sourceType, nonPublic: true)
            ?? throw new InvalidOperationException($"Could not create {sourceType.FullName}.");
        var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{sourceType.FullName} has no CreateTypeFormatters() method.");
        if (create.Invoke(source, null) is not IEnumerable created)
        {
            yield break;
        }

        foreach (var formatter in created)
        {
            if (formatter is null || ReadProperty(formatter, "MimeType") is not string mimeType || string.IsNullOrWhiteSpace(mimeType))
            {
                continue;
            }

            var format = FindFormatMethod(formatter.GetType());
            if (format is null)
            {
                continue;
            }

            yield return new ConventionFormatter(mimeType, formatter, format, ReadProperty(formatter, "Type") as Type);
        }
    }

    private static MethodInfo? FindFormatMethod(Type formatterType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        return formatterType.GetMethod("Format", flags, [typeof(object), typeof(TextWriter)])
            ?? formatterType.GetMethods(flags).FirstOrDefault(m =>
                m.Name == "Format" &&
                m.GetParameters() is [_, { ParameterType: var writer }] &&
                writer == typeof(TextWriter));
    }

    private static object? ReadProperty(object instance, string name) =>
        instance.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(instance);
}

/// <summary>One duck-typed formatter object produced by a formatter source.</summary>
internal sealed class ConventionFormatter(string mimeType, object instance, MethodInfo format, Type? targetType) : IValueFormatter
{
    public string MimeType { get; } = mimeType;

    public bool TryFormat(object value, TextWriter writer)
    {
        if (targetType is not null && !targetType.IsInstanceOfType(value))
        {
            return false;
        }

        if (!format.GetParameters()[0].ParameterType.IsInstanceOfType(value))
        {
            return false;
        }

        var result = format.Invoke(instance, [value, writer]);
        return result is not bool handled || handled;
    }
}
