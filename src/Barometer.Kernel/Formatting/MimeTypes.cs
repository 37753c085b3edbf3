namespace Barometer.Kernel.Formatting;

/// <summary>MIME types the kernel produces.</summary>
public static class MimeTypes
{
    /// <summary>Plain text, present in every bundle.</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML.</summary>
    public const string Html = "text/html";

    /// <summary>Markdown.</summary>
    public const string Markdown = "text/markdown";

    /// <summary>JSON.</summary>
    public const string Json = "application/json";
}
