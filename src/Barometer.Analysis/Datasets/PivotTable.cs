using System.Globalization;
using System.Text;
using Barometer.Analysis.Charts.Display;

namespace Barometer.Analysis.Datasets;

/// <summary>
/// A two-way summary: one row per value of a row key, one column per value of a column key, each cell the
/// aggregate (the sum unless told otherwise) of the items that fall in it, <c>null</c> where none does. Keys are
/// shown as text and sorted by their natural order (years numerically). Shows as an HTML grid in notebooks and as
/// an aligned text grid elsewhere.
/// </summary>
/// <example>
/// <code>
/// trade.Pivot(m => m.Period.Year, m => m.Partner, m => m.ValueIn("million"), "year", "partner")
/// </code>
/// </example>
[TypeFormatterSource(typeof(DatasetFormatterSource), PreferredMimeTypes = [MimeTypes.Html])]
public sealed record PivotTable(
    string RowHeader,
    string ColumnHeader,
    IReadOnlyList<string> RowKeys,
    IReadOnlyList<string> ColumnKeys,
    IReadOnlyList<IReadOnlyList<decimal?>> Cells)
{
    /// <summary>Text of an empty (null) key.</summary>
    public const string EmptyKey = "(none)";

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>), <c>null</c> when no item fell in it.</summary>
    /// <exception cref="KeyNotFoundException">Unknown row or column key.</exception>
    public decimal? this[object? row, object? column]
    {
        get
        {
            var (r, c) = (Key(row), Key(column));
            var i = IndexOf(RowKeys, r) ?? throw new KeyNotFoundException($"no row '{r}' (rows: {string.Join(", ", RowKeys)})");
            var j = IndexOf(ColumnKeys, c) ?? throw new KeyNotFoundException($"no column '{c}' (columns: {string.Join(", ", ColumnKeys)})");
            return Cells[i][j];
        }
    }

    /// <summary>
    /// Groups <paramref name="items"/> by <paramref name="row"/> × <paramref name="column"/> and aggregates
    /// <paramref name="value"/> in each cell with <paramref name="aggregate"/> (default: the sum).
    /// </summary>
    public static PivotTable Create<T, TRow, TColumn>(
        IEnumerable<T> items,
        Func<T, TRow> row,
        Func<T, TColumn> column,
        Func<T, decimal> value,
        string rowHeader = "row",
        string columnHeader = "column",
        Func<IEnumerable<decimal>, decimal>? aggregate = null)
    {
        aggregate ??= Enumerable.Sum;
        var list = items.ToArray();
        var rowKeys = SortedKeys(list.Select(row));
        var columnKeys = SortedKeys(list.Select(column));
        var groups = list.GroupBy(x => (Key(row(x)), Key(column(x))))
            .ToDictionary(g => g.Key, g => aggregate(g.Select(value)));
        var cells = rowKeys
            .Select(r => (IReadOnlyList<decimal?>)columnKeys.Select(c => groups.TryGetValue((r, c), out var v) ? v : (decimal?)null).ToArray())
            .ToArray();
        return new PivotTable(rowHeader, columnHeader, rowKeys, columnKeys, cells);
    }

    /// <summary>The grid as an HTML table (values in invariant culture, empty cells blank).</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table>\n<thead><tr><th>")
            .Append(Html.Encode($"{RowHeader} \\ {ColumnHeader}")).Append("</th>");
        foreach (var c in ColumnKeys)
        {
            sb.Append("<th>").Append(Html.Encode(c)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < RowKeys.Count; i++)
        {
            sb.Append("<tr><th>").Append(Html.Encode(RowKeys[i])).Append("</th>");
            foreach (var cell in Cells[i])
            {
                sb.Append("<td style=\"text-align:right\">").Append(Format(cell)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>").ToString();
    }

    /// <summary>The grid as aligned text (for consoles, logs and test messages).</summary>
    public override string ToString()
    {
        var header = new[] { $"{RowHeader} \\ {ColumnHeader}" }.Concat(ColumnKeys).ToArray();
        var lines = new List<string[]> { header };
        lines.AddRange(RowKeys.Select((r, i) => new[] { r }.Concat(Cells[i].Select(Format)).ToArray()));
        var widths = header.Select((_, j) => lines.Max(l => l[j].Length)).ToArray();
        return string.Join(Environment.NewLine, lines.Select(l =>
            string.Join("  ", l.Select((cell, j) => j == 0 ? cell.PadRight(widths[j]) : cell.PadLeft(widths[j]))).TrimEnd()));
    }

    /// <summary>A cell as text: invariant culture, no trailing zeros, blank for null.</summary>
    public static string Format(decimal? value) =>
        value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A key as text: invariant culture, <see cref="EmptyKey"/> for null or empty.</summary>
    public static string Key(object? key) => key switch
    {
        null => EmptyKey,
        string { Length: 0 } => EmptyKey,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? EmptyKey,
    };

    private static string[] SortedKeys<TKey>(IEnumerable<TKey> keys) =>
        keys.Distinct()
            .Order(Comparer<TKey>.Create((a, b) => (a, b) switch
            {
                (null, null) => 0,
                (null, _) => 1, // empty keys last
                (_, null) => -1,
                _ when a is string { Length: 0 } => b is string { Length: 0 } ? 0 : 1,
                _ when b is string { Length: 0 } => -1,
                _ => Comparer<TKey>.Default.Compare(a, b),
            }))
            .Select(k => Key(k))
            .Distinct()
            .ToArray();

    private static int? IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return null;
    }
}

/// <summary><c>items.Pivot(row, column, value)</c>: <see cref="PivotTable.Create{T, TRow, TColumn}"/> as a LINQ-style extension.</summary>
internal static class PivotExtensions
{
    /// <summary>Groups <paramref name="items"/> by <paramref name="row"/> × <paramref name="column"/>; each cell is the sum of <paramref name="value"/> (or <paramref name="aggregate"/>).</summary>
    public static PivotTable Pivot<T, TRow, TColumn>(
        this IEnumerable<T> items,
        Func<T, TRow> row,
        Func<T, TColumn> column,
        Func<T, decimal> value,
        string rowHeader = "row",
        string columnHeader = "column",
        Func<IEnumerable<decimal>, decimal>? aggregate = null) =>
        PivotTable.Create(items, row, column, value, rowHeader, columnHeader, aggregate);
}
