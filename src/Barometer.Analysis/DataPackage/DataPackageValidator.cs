using Barometer.Analysis.Tables;

namespace Barometer.Analysis.DataPackage;

/// <summary>
/// Validates every table of a data folder against <c>datapackage.json</c>: each resource's CSV against its Table
/// Schema, foreign keys between resources, and that every CSV in the folder is described (a new table is validated
/// by adding it to the descriptor, not by writing code).
/// </summary>
public static class DataPackageValidator
{
    public static IReadOnlyList<DataError> Validate(string dataDirectory)
    {
        string Display(string path) => PackageResources.Display(dataDirectory, path);
        var descriptorPath = Path.Combine(dataDirectory, DataPackageDescriptor.FileName);
        var errors = new List<DataError>();
        var descriptor = PackageResources.ReadDescriptor(dataDirectory, errors);
        if (descriptor is null) return errors;

        var tables = new Dictionary<string, CsvTable>();
        foreach (var resource in descriptor.Resources)
            if (PackageResources.ReadValidated(dataDirectory, resource, errors) is { } table)
                tables[resource.Name] = table;
        foreach (var resource in descriptor.Resources.Where(r => tables.ContainsKey(r.Name)))
            CheckForeignKeys(tables[resource.Name], resource, tables, Display(descriptorPath));
        errors.AddRange(tables.Values.SelectMany(t => t.Errors));

        var described = descriptor.Resources.Select(r => Path.GetFullPath(Path.Combine(dataDirectory, r.Path))).ToHashSet();
        foreach (var csv in Directory.GetFiles(dataDirectory, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!described.Contains(Path.GetFullPath(csv)))
                errors.Add(new DataError(Display(csv), 0, 0, "this table is not described in datapackage.json"));
        return errors;
    }

    private static void CheckForeignKeys(CsvTable table, DataResource resource, IReadOnlyDictionary<string, CsvTable> tables, string descriptorDisplay)
    {
        foreach (var fk in resource.Schema.ForeignKeys)
        {
            var referenced = fk.Reference.Resource.Length == 0 ? table : tables.GetValueOrDefault(fk.Reference.Resource);
            if (referenced is null)
            {
                table.Errors.Add(new DataError(descriptorDisplay, 0, 0, $"resource '{resource.Name}': foreign key refers to unknown resource '{fk.Reference.Resource}'"));
                continue;
            }
            var (fields, targetFields) = (fk.Fields, fk.Reference.Fields);
            if (!fields.All(table.HasColumn) || !targetFields.All(referenced.HasColumn)) continue; // reported as missing columns
            var keys = referenced.Rows.Select(r => TableSchemaValidator.Key(new RowReader(referenced, r), targetFields)).ToHashSet(StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                var reader = new RowReader(table, row);
                if (fields.All(f => reader.Raw(f).Length == 0)) continue; // an empty optional reference
                var key = TableSchemaValidator.Key(reader, fields);
                if (!keys.Contains(key))
                    reader.Error(fields[0], $"({string.Join(", ", fields)}) = ({key}) is not in {Path.GetFileName(referenced.DisplayPath)} ({string.Join(", ", targetFields)})");
            }
        }
    }
}
