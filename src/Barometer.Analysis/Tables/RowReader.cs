using System.Globalization;

namespace Barometer.Analysis.Tables;

/// <summary>
/// The cells of one row, by column name, and located errors about them: each error is reported to
/// <paramref name="report"/> at the line and character column where the cell starts, as
/// <c>column: message</c>. Reading the cells checks nothing: the table's schema has already been checked.
/// </summary>
internal readonly struct RowReader(CsvTable table, CsvRow row, Action<DataError> report)
{
    public int Line => row.Line;
    public CsvTable Table => table;

    /// <summary>The character column at which <paramref name="column"/>'s cell starts (the row's end when the cell is absent).</summary>
    public int Column(string column) => table.HasColumn(column) ? row.ColumnOf(table.ColumnNumber(column) - 1) : 1;

    /// <summary>The line on which <paramref name="column"/>'s cell starts: a later one than <see cref="Line"/> after a quoted line break.</summary>
    public int LineOf(string column) => table.HasColumn(column) ? row.LineOf(table.ColumnNumber(column) - 1) : row.Line;

    /// <summary>False when the cell lies at or after an unterminated quote (reported where it opens): its text is not to be checked.</summary>
    public bool IsReadable(string column) => !table.HasColumn(column) || row.IsReadable(table.ColumnNumber(column) - 1);

    public void Error(string column, string message) =>
        report(new DataError(table.DisplayPath, LineOf(column), Column(column), $"{column}: {message}"));

    /// <summary>The raw text of a cell, trimmed; empty when the column or cell is absent.</summary>
    public string Raw(string column)
    {
        var i = table.ColumnNumber(column) - 1;
        return i >= 0 && i < row.Fields.Count ? row.Fields[i].Trim() : "";
    }

    /// <summary>The cell's text, or null when it is empty.</summary>
    public string? Optional(string column)
    {
        var value = Raw(column);
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// The row's citation: its <c>source</c> (an id of <c>sources.csv</c>) and, when given, <c>#</c> and its
    /// <c>section</c> — <c>minsk-barometer-18#Appendix 1 / Relationship with Russia</c>.
    /// </summary>
    public string Citation() => Optional("section") is { } section ? $"{Raw("source")}#{section}" : Raw("source");

    /// <summary>
    /// The cell as a 32-bit integer; null when it is empty, or (reported) outside that range. Its form is the
    /// schema's to check (<c>"type": "integer"</c>).
    /// </summary>
    public int? Int(string column)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(column, $"'{text}' is not an integer within ±{int.MaxValue}");
        return null;
    }
}
