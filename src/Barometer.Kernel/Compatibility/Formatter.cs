using System.Net;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting;

namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// The .NET Interactive formatting API that notebooks call (<c>Formatter.Register&lt;T&gt;(...)</c>,
/// <c>SetPreferredMimeTypesFor</c>, <c>ResetToDefault</c>, <c>ToDisplayString</c>), implemented on this kernel's
/// <see cref="FormatterSet"/>: a registration applies to the session of the cell that made it (the cell's value,
/// <c>display(...)</c>, <c>.Display()</c>, and items inside collections shown as tables), not process-wide as in
/// .NET Interactive, so two notebooks in one process stay apart. Not a reference to .NET Interactive: the kernel
/// provides this namespace itself.
/// </summary>
public static class Formatter
{
    /// <summary>Registers a formatter writing values of <typeparamref name="T"/> (and subtypes) as <paramref name="mimeType"/>.</summary>
    public static void Register<T>(Action<T, TextWriter> formatter, string mimeType = MimeTypes.PlainText)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Registry().Register(typeof(T), mimeType, (value, writer) =>
        {
            formatter((T)value, writer);
            return true;
        });
    }

    /// <summary>Registers a formatter returning the text of values of <typeparamref name="T"/> as <paramref name="mimeType"/>.</summary>
    public static void Register<T>(Func<T, string> formatter, string mimeType = MimeTypes.PlainText)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Registry().Register(typeof(T), mimeType, (value, writer) =>
        {
            writer.Write(formatter((T)value));
            return true;
        });
    }

    /// <summary>Registers a formatter that may decline (return false) for values of <typeparamref name="T"/>.</summary>
    public static void Register<T>(FormatDelegate<T> formatter, string mimeType = MimeTypes.PlainText)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Registry().Register(typeof(T), mimeType, (value, writer) => formatter((T)value, new FormatContext(writer)));
    }

    /// <summary>Registers a formatter for values of <paramref name="type"/> (an open generic type applies to its constructed types).</summary>
    public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = MimeTypes.PlainText)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Registry().Register(type, mimeType, (value, writer) =>
        {
            formatter(value, writer);
            return true;
        });
    }

    /// <summary>Registers a formatter that may decline (return false) for values of <paramref name="type"/>.</summary>
    public static void Register(Type type, FormatDelegate<object> formatter, string mimeType = MimeTypes.PlainText)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Registry().Register(type, mimeType, (value, writer) => formatter(value, new FormatContext(writer)));
    }

    /// <summary>
    /// Shows values of <paramref name="type"/> (and subtypes) in only these MIME types. Unlike .NET Interactive, which
    /// then sends only those, this kernel keeps <c>text/plain</c> as well, so text-only viewers and logs see something.
    /// </summary>
    public static void SetPreferredMimeTypesFor(Type type, params string[] preferredMimeTypes)
    {
        ArgumentNullException.ThrowIfNull(type);
        Registry().SetPreferredMimeTypes(type, preferredMimeTypes ?? []);
    }

    /// <summary>Forgets the formatters and preferred MIME types this session registered.</summary>
    public static void ResetToDefault() => Registry().Clear();

    /// <summary>
    /// The value as <paramref name="mimeType"/> would show it: a registered formatter's output, else the kernel's
    /// rendering for that MIME type; for <c>text/html</c> without one, the HTML-encoded plain text.
    /// </summary>
    public static string ToDisplayString(this object? obj, string mimeType = MimeTypes.PlainText)
    {
        ArgumentNullException.ThrowIfNull(mimeType);
        var bundle = (RunningCell.Current?.Formatters ?? FormatterSet.Default).Format(obj);
        if (bundle.TryGetValue(mimeType, out var text))
        {
            return text;
        }

        var plain = bundle[MimeTypes.PlainText];
        return mimeType == MimeTypes.Html ? WebUtility.HtmlEncode(plain) : plain;
    }

    private static FormatterRegistry Registry() =>
        RunningCell.Current?.Formatters.Registrations
        ?? throw new InvalidOperationException(
            "Formatter.Register, SetPreferredMimeTypesFor and ResetToDefault apply to the notebook session of the cell that calls them; call them from a cell.");
}
