namespace Barometer.Kernel.Formatting;

/// <summary>
/// Renders values for one MIME type. Supplied through <see cref="FormatterSet"/>; consulted before a type's
/// own formatter sources and the defaults.
/// </summary>
public interface IValueFormatter
{
    /// <summary>The MIME type written.</summary>
    string MimeType { get; }

    /// <summary>Writes <paramref name="value"/>; returns false to decline (the next formatter is tried).</summary>
    bool TryFormat(object value, TextWriter writer);
}

/// <summary>Factory for simple <see cref="IValueFormatter"/>s.</summary>
public static class ValueFormatter
{
    /// <summary>A formatter for values of type <typeparamref name="T"/> (and subtypes).</summary>
    public static IValueFormatter Create<T>(string mimeType, Func<T, string> format) =>
        new DelegateFormatter(mimeType, (value, writer) =>
        {
            if (value is not T typed)
            {
                return false;
            }

            writer.Write(format(typed));
            return true;
        });

    private sealed class DelegateFormatter(string mimeType, Func<object, TextWriter, bool> format) : IValueFormatter
    {
        public string MimeType { get; } = mimeType;

        public bool TryFormat(object value, TextWriter writer) => format(value, writer);
    }
}
