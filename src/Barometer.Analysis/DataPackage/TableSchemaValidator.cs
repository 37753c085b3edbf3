using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.DataPackage;

/// <summary>
/// Checks one CSV table against its Table Schema: the header has every field (and no undescribed column), each cell
/// has its field's type, and meets its constraints (required, enum, pattern, minimum/maximum, length, unique); the
/// primary key is unique. Problems are added to the table's <see cref="CsvTable.Errors"/> with line and column.
/// Foreign keys need the other tables: <see cref="DataPackageValidator"/> checks them.
/// </summary>
internal static class TableSchemaValidator
{
    public static void Validate(CsvTable table, TableSchema schema)
    {
        if (!table.Readable)
        {
            return; // its one error says why
        }

        var described = schema.Fields.Select(f => f.Name).ToHashSet();
        table.RequireColumns(schema.Fields.Select(f => f.Name));
        foreach (var column in table.Header.Where(h => !described.Contains(h)))
        {
            table.Report(new DataError(table.DisplayPath, table.HeaderLine(column), table.HeaderColumn(column),
                $"column '{column}' is not described in the table's schema (datapackage.json)"));
        }

        var missing = schema.MissingValues.ToHashSet();
        var checks = schema.Fields.Where(f => table.HasColumn(f.Name)).Select(f => (Field: f, Check: Check(f))).ToArray();
        var uniques = checks.Where(c => c.Field.Constraints?.Unique == true)
            .ToDictionary(c => c.Field.Name, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        foreach (var row in table.Rows)
        {
            var reader = new RowReader(table, row, table.Report);
            foreach (var (field, check) in checks)
            {
                if (!reader.IsReadable(field.Name))
                {
                    continue; // lost to an unterminated quote, which is reported
                }

                var value = reader.Raw(field.Name);
                if (missing.Contains(value))
                {
                    if (field.Constraints?.Required == true)
                    {
                        reader.Error(field.Name, "is required but empty");
                    }

                    continue;
                }
                if (check(value) is { } problem)
                {
                    reader.Error(field.Name, problem);
                    continue;
                }
                if (uniques.TryGetValue(field.Name, out var seen))
                {
                    if (seen.TryGetValue(value, out var first))
                    {
                        reader.Error(field.Name, $"'{value}' must be unique (first on line {first})");
                    }
                    else
                    {
                        seen[value] = reader.LineOf(field.Name);
                    }
                }
            }
        }
        CheckPrimaryKey(table, schema);
    }

    private static void CheckPrimaryKey(CsvTable table, TableSchema schema)
    {
        var key = schema.PrimaryKey;
        if (key.Count == 0 || !key.All(table.HasColumn))
        {
            return;
        }
        // A one-field key whose field is declared unique has been checked cell by cell: one report per duplicate.
        if (key.Count == 1 && schema.Fields.Any(f => f.Name == key[0] && f.Constraints?.Unique == true))
        {
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (row.UnterminatedField is not null)
            {
                continue; // its key is not what the author meant; the quote is reported
            }

            var reader = new RowReader(table, row, table.Report);
            var value = Key(reader, key);
            if (seen.TryGetValue(value, out var first))
            {
                reader.Error(key[0], $"duplicate primary key ({string.Join(", ", key)}) = ({value}) (first on line {first})");
            }
            else
            {
                seen[value] = reader.LineOf(key[0]);
            }
        }
    }

    /// <summary>The text of a (possibly composite) key in one row, as key errors print it: <c>18 | RU</c>.</summary>
    internal static string Key(RowReader reader, IReadOnlyList<string> fields) => string.Join(" | ", fields.Select(reader.Raw));

    /// <summary>A check of one non-missing cell: null when the value is fine, else what is wrong.</summary>
    private delegate string? CellCheck(string value);

    private static CellCheck Check(FieldDescriptor field)
    {
        var type = TypeCheck(field);
        var constraints = ConstraintCheck(field);
        return v => type(v) ?? constraints(v);
    }

    private static CellCheck TypeCheck(FieldDescriptor field) => field.Type switch
    {
        "integer" => v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : $"'{v}' is not an integer",
        "number" => v => IsNumber(v) ? null : $"'{v}' is not a number",
        "boolean" => v => v is "true" or "false" ? null : $"'{v}' is not a boolean (true or false)",
        "date" => v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : $"'{v}' is not a date in the form YYYY-MM-DD",
        "year" => v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && v.Length == 4 ? null : $"'{v}' is not a year (YYYY)",
        "string" or "any" => _ => null,
        var other => _ => $"the schema gives this field the unsupported type '{other}'",
    };

    private static bool IsNumber(string v) =>
        double.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);

    private static CellCheck ConstraintCheck(FieldDescriptor field)
    {
        var c = field.Constraints;
        if (c is null)
        {
            return _ => null;
        }

        var allowed = c.Enum?.Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
        var pattern = c.Pattern is null ? null : new Regex($"^(?:{c.Pattern})$", RegexOptions.CultureInvariant);
        double? min = c.Minimum?.ValueKind == JsonValueKind.Number ? c.Minimum.Value.GetDouble() : null;
        double? max = c.Maximum?.ValueKind == JsonValueKind.Number ? c.Maximum.Value.GetDouble() : null;
        return v =>
        {
            if (allowed is not null && !allowed.Contains(v))
            {
                return $"'{v}' is not one of the allowed values ({string.Join(", ", allowed)})";
            }

            if (pattern is not null && !pattern.IsMatch(v))
            {
                return $"'{v}' does not match the pattern {c.Pattern}";
            }

            if (c.MinLength is { } minLength && v.Length < minLength)
            {
                return $"'{v}' is shorter than {minLength} characters";
            }

            if (c.MaxLength is { } maxLength && v.Length > maxLength)
            {
                return $"is longer than {maxLength} characters ({v.Length})";
            }

            if ((min is not null || max is not null) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                if (d < min)
                {
                    return $"{v} is below the minimum {min.Value.ToString(CultureInfo.InvariantCulture)}";
                }

                if (d > max)
                {
                    return $"{v} is above the maximum {max.Value.ToString(CultureInfo.InvariantCulture)}";
                }
            }
            return null;
        };
    }
}
