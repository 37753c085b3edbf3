using System.Net;

namespace Barometer.Kernel.Magics;

/// <summary>HTML encoding for the tables and lists the magic commands show.</summary>
internal static class HtmlText
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
