using System.Globalization;

namespace Barometer.Analysis.Tables;

/// <summary>
/// Typed access to the cells of one row. Every failed conversion is recorded as a located
/// <see cref="DataError"/> and yields <c>null</c>, so a loader can check a whole file in one pass.
/// </summary>
public readonly struct RowReader(CsvTable table, CsvRow row)
{
    public int Line => row.Line;
    public CsvTable Table => table;

    public int ColumnNumber(string column) => table.ColumnNumber(column);

    public void Error(string column, string message) =>
        table.Errors.Add(new DataError(table.DisplayPath, row.Line, table.ColumnNumber(column), $"{column}: {message}"));

    /// <summary>The raw text of a cell, trimmed; empty when the column or cell is absent.</summary>
    public string Raw(string column)
    {
        var i = table.ColumnNumber(column) - 1;
        return i >= 0 && i < row.Fields.Count ? row.Fields[i].Trim() : "";
    }

    public string? Optional(string column)
    {
        var value = Raw(column);
        return value.Length == 0 ? null : value;
    }

    public string? Required(string column)
    {
        var value = Raw(column);
        if (value.Length > 0) return value;
        if (table.HasColumn(column)) Error(column, "is required but empty");
        return null;
    }

    public int? RequiredInt(string column)
    {
        var text = Required(column);
        return text is null ? null : ParseInt(column, text);
    }

    public int? OptionalInt(string column)
    {
        var text = Optional(column);
        return text is null ? null : ParseInt(column, text);
    }

    public DateOnly? RequiredDate(string column)
    {
        var text = Required(column);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Error(column, $"'{text}' is not a date in the form YYYY-MM-DD");
        return null;
    }

    private int? ParseInt(string column, string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        Error(column, $"'{text}' is not an integer");
        return null;
    }
}
