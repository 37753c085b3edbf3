using System.Text.RegularExpressions;

namespace Barometer.Analysis.Tables;

/// <summary>
/// How every CSV this library writes encodes one field: text a spreadsheet would run as a formula (starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) gets a leading <c>'</c> unless it is a plain
/// number such as <c>-3</c> or <c>1e-3</c> (CSV injection); then the field is quoted per RFC 4180 when it holds a
/// comma, a quote or a line break, or starts or ends with white space.
/// </summary>
public static partial class CsvText
{
    // ASCII digits only: \d would also accept other scripts' digits, which are not numbers to a spreadsheet.
    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    /// <summary>Prefixes <c>'</c> to text a spreadsheet would treat as a formula, unless it is a plain number.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(text)
            ? "'" + text
            : text;

    /// <summary>Quotes <paramref name="text"/> (doubling its quotes) when a CSV reader would otherwise split or trim it.</summary>
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    /// <summary>One text field as written: <see cref="Neutralise"/>d, then <see cref="Quote"/>d when needed.</summary>
    public static string Field(string text) => Quote(Neutralise(text));
}
