using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Barometer.Analysis.Charts.Display;
using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Datasets;

/// <summary>
/// Any table of the data package as rows of text cells keyed by column name, with its schema — for ad-hoc looks in a
/// notebook or on the command line. Deliberately small: exact-match filters, typed cells per the schema, and a
/// two-way <see cref="Pivot"/>. For analysis prefer LINQ over typed records (<see cref="MeasurementTables"/>,
/// <c>BarometerDataset</c>); this is the fallback that works for every table, including ones added tomorrow.
/// </summary>
/// <example>
/// <code>
/// var events = TableRows.Load(dataDir, "relationship_events");   // resource name or file stem
/// events.Where("partner", "US").Count
/// events.Pivot("issue", "partner", "score")                       // issue × partner → sum of scores
/// </code>
/// </example>
[TypeFormatterSource(typeof(DatasetFormatterSource), PreferredMimeTypes = [MimeTypes.Html])]
public sealed class TableRows : IReadOnlyList<IReadOnlyDictionary<string, string>>
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> _rows;
    private readonly Dictionary<string, FieldDescriptor> _fields;

    private TableRows(DataResource resource, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Resource = resource;
        Columns = columns;
        _rows = rows;
        _fields = resource.Schema.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The resource as the descriptor describes it (name, path, title, description, schema).</summary>
    public DataResource Resource { get; }

    /// <summary>The resource name, e.g. <c>external_trade</c>.</summary>
    public string Name => Resource.Name;

    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public int Count => _rows.Count;

    public IReadOnlyDictionary<string, string> this[int index] => _rows[index];

    public IEnumerator<IReadOnlyDictionary<string, string>> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name} ({Resource.Path}): {Count} rows × {Columns.Count} columns";

    /// <summary>Every resource of the descriptor with its row count (null when its file is missing or unreadable), in descriptor order.</summary>
    /// <exception cref="DataValidationException">The descriptor is missing or not valid JSON.</exception>
    public static IReadOnlyList<TableSummary> List(string dataDirectory)
    {
        var package = new DataPackageReader(dataDirectory);
        var descriptor = Descriptor(package);
        return descriptor.Resources.Select(r =>
        {
            var path = System.IO.Path.Combine(dataDirectory, r.Path);
            int? rows = File.Exists(path) && CsvTable.Read(path, r.Path) is { Readable: true } table ? table.Rows.Count : null;
            return new TableSummary(r.Name, r.Path, rows, r.Title, r.Description);
        }).ToArray();
    }

    /// <summary>
    /// Loads the table named <paramref name="table"/>: a resource name (<c>external_trade</c>) or the file stem of
    /// exactly one resource (<c>trade</c>). The file is checked against its schema first.
    /// </summary>
    /// <exception cref="ArgumentException">No such table, or the stem names several (the message lists the tables).</exception>
    /// <exception cref="DataValidationException">The descriptor or the table has problems (every one located).</exception>
    public static TableRows Load(string dataDirectory, string table)
    {
        var package = new DataPackageReader(dataDirectory);
        var resource = Resolve(Descriptor(package), table);
        var csv = package.Table(resource);
        var errors = package.ErrorsOf([resource]);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        var rows = csv!.Rows.Select(row =>
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < csv.Header.Count; i++)
            {
                cells[csv.Header[i]] = i < row.Fields.Count ? row.Fields[i] : "";
            }

            return (IReadOnlyDictionary<string, string>)cells;
        }).ToArray();
        return new TableRows(resource, csv.Header, rows);
    }

    /// <summary>The resource named <paramref name="table"/> (resource name, or a file stem that names exactly one resource).</summary>
    /// <exception cref="ArgumentException">Unknown or ambiguous.</exception>
    internal static DataResource Resolve(DataPackageDescriptor descriptor, string table)
    {
        if (descriptor.Find(table) is { } byName)
        {
            return byName;
        }

        var byStem = descriptor.Resources.Where(r => DataPackageReader.Stem(r) == table).ToArray();
        return byStem.Length switch
        {
            1 => byStem[0],
            0 => throw new ArgumentException($"unknown table '{table}' (tables: {string.Join(", ", descriptor.Resources.Select(r => r.Name))})", nameof(table)),
            _ => throw new ArgumentException($"'{table}' is the file name of several tables ({string.Join(", ", byStem.Select(r => r.Name))}); use the resource name", nameof(table)),
        };
    }

    /// <summary>The schema of <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">The table has no such column (the message lists its columns).</exception>
    public FieldDescriptor Field(string column) =>
        Columns.Contains(column) && _fields.TryGetValue(column, out var field)
            ? field
            : throw new ArgumentException($"unknown column '{column}' in {Name} (columns: {string.Join(", ", Columns)})", nameof(column));

    /// <summary>The rows whose <paramref name="column"/> is exactly <paramref name="value"/> (empty string matches empty cells).</summary>
    /// <exception cref="ArgumentException">Unknown column.</exception>
    public TableRows Where(string column, string value)
    {
        Field(column);
        return With(_rows.Where(r => r[column] == value));
    }

    /// <summary>The rows that satisfy <paramref name="predicate"/>, keeping the schema (so filters chain).</summary>
    public TableRows Where(Func<IReadOnlyDictionary<string, string>, bool> predicate) => With(_rows.Where(predicate));

    /// <summary>
    /// The cell converted per the schema's type: <c>integer</c> → long, <c>number</c> → decimal, <c>boolean</c> → bool,
    /// <c>date</c> → DateOnly, <c>year</c> → int, anything else → string; an empty cell → null.
    /// </summary>
    public object? Typed(IReadOnlyDictionary<string, string> row, string column)
    {
        var field = Field(column);
        var text = row[column];
        if (field.Type != "string" && text.Trim().Length == 0)
        {
            return null;
        }

        var inv = CultureInfo.InvariantCulture;
        return field.Type switch
        {
            "integer" => long.Parse(text, NumberStyles.AllowLeadingSign, inv),
            "number" => decimal.Parse(text, NumberStyles.Float, inv),
            "boolean" => text == "true",
            "date" => DateOnly.ParseExact(text, "yyyy-MM-dd", inv),
            "year" => int.Parse(text, NumberStyles.None, inv),
            _ => text.Length == 0 ? null : text,
        };
    }

    /// <summary>Every row with typed cells (see <see cref="Typed"/>), keys in column order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> TypedRows() =>
        _rows.Select(r => (IReadOnlyDictionary<string, object?>)Columns.ToDictionary(c => c, c => Typed(r, c), StringComparer.Ordinal)).ToArray();

    /// <summary>The cell as a number when its column is an integer or number column; null when empty.</summary>
    /// <exception cref="ArgumentException">The column is not numeric.</exception>
    public decimal? Number(IReadOnlyDictionary<string, string> row, string column)
    {
        var field = Field(column);
        if (field.Type is not ("integer" or "number"))
        {
            throw new ArgumentException($"column '{column}' of {Name} is of type {field.Type}, not integer or number", nameof(column));
        }

        return Typed(row, column) switch { long l => l, decimal d => d, _ => null };
    }

    /// <summary>
    /// <paramref name="rowColumn"/> × <paramref name="columnColumn"/> → the sum of <paramref name="valueColumn"/> (a numeric
    /// column; empty cells are skipped). Keys are typed per the schema, so years and integers sort numerically.
    /// </summary>
    public PivotTable Pivot(string rowColumn, string columnColumn, string valueColumn)
    {
        Field(rowColumn);
        Field(columnColumn);
        var valued = _rows.Select(r => (Row: r, Value: Number(r, valueColumn))).Where(x => x.Value is not null).ToArray();
        return PivotTable.Create(valued, x => Typed(x.Row, rowColumn), x => Typed(x.Row, columnColumn), x => x.Value!.Value, rowColumn, columnColumn);
    }

    /// <summary>
    /// The rows as RFC 4180 CSV (header first, LF line ends). A cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, tab or carriage return and is not a number gets a leading apostrophe, so a spreadsheet does not run it
    /// as a formula (CSV injection); numbers such as <c>-1.02</c> stay as they are (<see cref="CsvText.Field"/>).
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", Columns.Select(CsvText.Field))).Append('\n');
        foreach (var row in _rows)
        {
            sb.Append(string.Join(",", Columns.Select(c => CsvText.Field(row[c])))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The rows as a JSON array of objects, keys in column order, values typed per the schema (dates as ISO strings, empty as null).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in _rows)
            {
                json.WriteStartObject();
                foreach (var column in Columns)
                {
                    json.WritePropertyName(column);
                    switch (Typed(row, column))
                    {
                        case null: json.WriteNullValue(); break;
                        case long l: json.WriteNumberValue(l); break;
                        case int i: json.WriteNumberValue(i); break;
                        case decimal d: json.WriteNumberValue(d); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case DateOnly date: json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                        case var other: json.WriteStringValue(other.ToString()); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The rows as an HTML table (at most <paramref name="maxRows"/>; a note says how many are left out).</summary>
    public string ToHtml(int maxRows = 200)
    {
        var sb = new StringBuilder("<table>\n<thead><tr>");
        foreach (var c in Columns)
        {
            sb.Append("<th>").Append(Html.Encode(c)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in _rows.Take(maxRows))
        {
            sb.Append("<tr>");
            foreach (var c in Columns)
            {
                sb.Append("<td>").Append(Html.Encode(row[c])).Append("</td>");
            }

            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>");
        if (Count > maxRows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n<p><i>({Count - maxRows} more rows not shown)</i></p>");
        }

        return sb.ToString();
    }

    private TableRows With(IEnumerable<IReadOnlyDictionary<string, string>> rows) => new(Resource, Columns, rows.ToArray());

    private static DataPackageDescriptor Descriptor(DataPackageReader package) =>
        package.Descriptor ?? throw new DataValidationException(package.DescriptorErrors);
}

/// <summary>One table of the package as <c>barometer data list</c> shows it.</summary>
/// <param name="Name">Resource name.</param>
/// <param name="Path">CSV path relative to the data folder.</param>
/// <param name="Rows">Data rows (header excluded); null when the file is missing.</param>
public sealed record TableSummary(string Name, string Path, int? Rows, string? Title, string? Description);

internal static class Html
{
    public static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
}
