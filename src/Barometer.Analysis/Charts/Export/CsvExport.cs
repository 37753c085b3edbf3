using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Barometer.Analysis.Charts.Export;

/// <summary>
/// Writes a <see cref="FigureTable"/> as RFC 4180 CSV (UTF-8, CRLF). Text cells that a spreadsheet would run as a
/// formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) get a leading <c>'</c>;
/// genuine numbers such as <c>-3</c> are written unchanged, whether they are numeric values or numeric text.
/// </summary>
public static partial class CsvExport
{
    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex Number();

    public static string ToCsv(FigureTable table)
    {
        var sb = new StringBuilder();
        AppendRow(sb, table.Columns.Cast<object?>().ToArray());
        foreach (var row in table.Rows) AppendRow(sb, row);
        return sb.ToString();
    }

    /// <summary>One cell as written, before quoting.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Neutralise(s),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Neutralise(value.ToString() ?? ""),
    };

    /// <summary>Prefixes <c>'</c> to text a spreadsheet would treat as a formula, unless it is a plain number.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !Number().IsMatch(text)
            ? "'" + text
            : text;

    private static void AppendRow(StringBuilder sb, IReadOnlyList<object?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var text = Cell(cells[i]);
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (text[0] == ' ' || text[^1] == ' ')))
                sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
            else
                sb.Append(text);
        }
        sb.Append("\r\n");
    }
}
