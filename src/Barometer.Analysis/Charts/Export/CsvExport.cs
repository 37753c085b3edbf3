using System.Globalization;
using System.Text;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Charts.Export;

/// <summary>
/// Writes a <see cref="FigureTable"/> as RFC 4180 CSV (UTF-8, CRLF). Text cells that a spreadsheet would run as a
/// formula get a leading <c>'</c> (<see cref="CsvText.Neutralise"/>); genuine numbers such as <c>-3</c> are written
/// unchanged, whether they are numeric values or numeric text.
/// </summary>
internal static class CsvExport
{
    public static string ToCsv(FigureTable table)
    {
        var sb = new StringBuilder();
        AppendRow(sb, table.Columns.Cast<object?>().ToArray());
        foreach (var row in table.Rows)
        {
            AppendRow(sb, row);
        }

        return sb.ToString();
    }

    /// <summary>One cell as written, before quoting.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => CsvText.Neutralise(s),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvText.Neutralise(value.ToString() ?? ""),
    };

    private static void AppendRow(StringBuilder sb, IReadOnlyList<object?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(CsvText.Quote(Cell(cells[i])));
        }
        sb.Append("\r\n");
    }
}
