namespace Barometer.Kernel.Language;

/// <summary>
/// Converts between Jupyter's cursor positions (Unicode code points, as the messaging protocol 5.2+ counts them)
/// and .NET string indices (UTF-16 code units): they differ after any character outside the Basic Multilingual
/// Plane (emoji, some CJK), which takes two UTF-16 units but is one code point.
/// </summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 index of the <paramref name="codePoint"/>-th code point (clamped to the text).</summary>
    public static int ToUtf16Index(string text, int codePoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = 0;
        for (var count = 0; count < codePoint && index < text.Length; count++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }

    /// <summary>The number of code points in the first <paramref name="utf16Index"/> UTF-16 units.</summary>
    public static int FromUtf16Index(string text, int utf16Index)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = Math.Clamp(utf16Index, 0, text.Length);
        var count = 0;
        for (var index = 0; index < end; index++)
        {
            if (!(char.IsLowSurrogate(text[index]) && index > 0 && char.IsHighSurrogate(text[index - 1])))
            {
                count++;
            }
        }

        return count;
    }
}
