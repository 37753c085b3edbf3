using System.Globalization;
using System.Text.Json;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Magics;

/// <summary>
/// What a shared text becomes in C#, as .NET Interactive converts it: a stored <c>application/json</c> value is parsed
/// (an object or array is a <see cref="JsonDocument"/>, <c>true</c>/<c>false</c> a bool, a number a double, a string a
/// string, <c>null</c> null); any other MIME type stays the string it is.
/// </summary>
internal static class SharedValue
{
    public static (object? Value, Type Type) From(StoredValue stored, string name)
    {
        if (stored.MimeType != MimeTypes.Json)
        {
            return (stored.Text, typeof(string));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stored.Text);
        }
        catch (JsonException e)
        {
            throw new MagicException($"the value '{name}' is stored as application/json but is not valid JSON: {e.Message}");
        }

        return document.RootElement.ValueKind switch
        {
            JsonValueKind.Object or JsonValueKind.Array => (document, typeof(JsonDocument)),
            JsonValueKind.True => (true, typeof(bool)),
            JsonValueKind.False => (false, typeof(bool)),
            JsonValueKind.Number => (document.RootElement.GetDouble(), typeof(double)),
            JsonValueKind.String => (document.RootElement.GetString(), typeof(string)),
            _ => (null, typeof(object)),
        };
    }

    /// <summary>
    /// A literal of <c>#!set --value</c>: a whole number is an int (a long when larger), another number a double,
    /// <c>true</c>/<c>false</c> a bool; anything else the text as written (quotes removed).
    /// </summary>
    public static (object Value, Type Type) FromLiteral(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return (i, typeof(int));
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return (l, typeof(long));
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !text.Contains("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return (d, typeof(double));
        }

        return text switch
        {
            "true" => (true, typeof(bool)),
            "false" => (false, typeof(bool)),
            _ => (text, typeof(string)),
        };
    }
}
