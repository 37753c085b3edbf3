using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Formatting.Known;

/// <summary>
/// Shows a <c>Microsoft.Data.Analysis.DataFrame</c> without referencing the package: recognised by type name, read by
/// reflection (<c>Rows.Count</c>, <c>Columns</c>, each column's <c>Name</c>, <c>DataType</c> and indexer). HTML: the shape,
/// a table of the first rows with each column's type under its name; plain text: the same as aligned columns.
/// </summary>
internal static class DataFrameRenderer
{
    private const string DataFrameTypeName = "Microsoft.Data.Analysis.DataFrame";

    public static bool Handles(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.FullName == DataFrameTypeName)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Column(string Name, Type DataType, Func<long, object?> Cell);

    /// <summary>Renders <paramref name="frame"/> (at most <paramref name="maxRows"/> rows), naming column types with <paramref name="typeName"/>.</summary>
    public static void Render(object frame, MimeBundle bundle, int maxRows, Func<Type, string> typeName)
    {
        var type = frame.GetType();
        var rows = Convert.ToInt64(Get(Get(frame, "Rows"), "Count"), CultureInfo.InvariantCulture);
        var columns = ((IEnumerable)Get(frame, "Columns")!).Cast<object>().Select(c =>
        {
            var indexer = c.GetType().GetProperty("Item", [typeof(long)])!;
            return new Column((string)Get(c, "Name")!, (Type)Get(c, "DataType")!, r => indexer.GetValue(c, [r]));
        }).ToArray();
        var shown = Math.Min(rows, maxRows);
        var cells = new string[shown][];
        for (long r = 0; r < shown; r++)
        {
            cells[r] = columns.Select(c => Text(c.Cell(r))).ToArray();
        }

        var shape = $"{rows.ToString("N0", CultureInfo.InvariantCulture)} rows × {columns.Length.ToString(CultureInfo.InvariantCulture)} columns" +
            (shown < rows ? $" (first {shown.ToString(CultureInfo.InvariantCulture)} shown)" : "");
        bundle[MimeTypes.Html] = Html(columns, cells, shape, typeName);
        bundle[MimeTypes.PlainText] = Plain(columns, cells, shape, typeName);
    }

    private static object? Get(object? o, string property) =>
        o?.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetValue(o);

    private static string Text(object? v) => v switch
    {
        null => "",
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.############################", CultureInfo.InvariantCulture), // 2500.0 and 34 alike, no trailing zeros
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Html(Column[] columns, string[][] cells, string shape, Func<Type, string> typeName)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder("<div class=\"dataframe\"><p><small>DataFrame: ").Append(E(shape)).Append("</small></p>\n<table>\n<thead><tr>");
        foreach (var c in columns)
        {
            sb.Append("<th>").Append(E(c.Name)).Append("<br><small>").Append(E(typeName(c.DataType))).Append("</small></th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in cells)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append(IsNumeric(columns[i].DataType) ? "<td style=\"text-align:right\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table></div>").ToString();
    }

    private static string Plain(Column[] columns, string[][] cells, string shape, Func<Type, string> typeName)
    {
        var header = columns.Select(c => c.Name).ToArray();
        var types = columns.Select(c => typeName(c.DataType)).ToArray();
        var widths = columns.Select((_, i) => cells.Select(r => r[i].Length).Append(header[i].Length).Append(types[i].Length).Max()).ToArray();
        string Line(string[] values) => string.Join("  ", values.Select((v, i) => IsNumeric(columns[i].DataType) ? v.PadLeft(widths[i]) : v.PadRight(widths[i]))).TrimEnd();
        var sb = new StringBuilder("DataFrame: ").Append(shape).Append('\n');
        sb.Append(Line(header)).Append('\n').Append(Line(types)).Append('\n');
        foreach (var row in cells)
        {
            sb.Append(Line(row)).Append('\n');
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static bool IsNumeric(Type t) =>
        Type.GetTypeCode(Nullable.GetUnderlyingType(t) ?? t) is >= TypeCode.SByte and <= TypeCode.Decimal;
}
