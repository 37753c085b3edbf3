namespace Barometer.Analysis.Charts.Display;

/// <summary>The MIME types our formatters and mime bundles write.</summary>
public static class MimeTypes
{
    public const string Html = "text/html";
    public const string PlainText = "text/plain";
}

/// <summary>
/// One convention-based formatter (see <see cref="TypeFormatterSourceAttribute"/>): writes a <typeparamref name="T"/>
/// as <see cref="MimeType"/> and declines any other object.
/// </summary>
public sealed class TypeFormatter<T>(string mimeType, Func<T, string> format)
{
    public string MimeType { get; } = mimeType;

    /// <summary>The type this formatter handles (read by .NET Interactive when present).</summary>
    public Type Type => typeof(T);

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not T value)
        {
            return false;
        }

        writer.Write(format(value));
        return true;
    }
}
