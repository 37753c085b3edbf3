using System.Text.Json;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.DataPackage;

/// <summary>
/// Reads <c>datapackage.json</c> and its resources for <see cref="DataPackageValidator"/> and the dataset loaders alike
/// (same display paths and messages, so an error reads <c>data/external/trade.csv:12:4: …</c> whichever route found it).
/// </summary>
internal static class PackageResources
{
    /// <summary>The folder of the measurement and derived-check tables, relative to the data folder.</summary>
    public const string ExternalFolder = "external/";

    /// <summary>The descriptor of <paramref name="dataDirectory"/>; problems reading it become located errors.</summary>
    public static DataPackageDescriptor? ReadDescriptor(string dataDirectory, List<DataError> errors)
    {
        var path = Path.Combine(dataDirectory, DataPackageDescriptor.FileName);
        if (!File.Exists(path))
        {
            errors.Add(new DataError(Display(dataDirectory, path), 0, 0, "file not found: every table must be described in datapackage.json"));
            return null;
        }
        try
        {
            return DataPackageDescriptor.Read(path);
        }
        catch (JsonException e)
        {
            errors.Add(new DataError(Display(dataDirectory, path), (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"invalid descriptor: {e.Message}"));
            return null;
        }
    }

    /// <summary>Reads one resource's CSV and checks it against its Table Schema; problems are in the table's Errors.</summary>
    public static CsvTable? ReadValidated(string dataDirectory, DataResource resource, List<DataError> errors)
    {
        var path = Path.Combine(dataDirectory, resource.Path);
        if (!File.Exists(path))
        {
            errors.Add(new DataError(Display(dataDirectory, Path.Combine(dataDirectory, DataPackageDescriptor.FileName)), 0, 0,
                $"resource '{resource.Name}': file '{resource.Path}' not found"));
            return null;
        }
        var table = CsvTable.Read(path, Display(dataDirectory, path));
        TableSchemaValidator.Validate(table, resource.Schema);
        return table;
    }

    /// <summary>True when <paramref name="resource"/> lives under <c>external/</c> and its schema has every one of <paramref name="columns"/>.</summary>
    public static bool IsExternalWith(DataResource resource, IEnumerable<string> columns) =>
        resource.Path.Replace('\\', '/').StartsWith(ExternalFolder, StringComparison.Ordinal) &&
        columns.All(c => resource.Schema.Fields.Any(f => f.Name == c));

    /// <summary>The file name without folder and extension: <c>external/trade.csv</c> → <c>trade</c>.</summary>
    public static string Stem(DataResource resource) => Path.GetFileNameWithoutExtension(resource.Path);

    /// <summary>A path relative to the data folder's parent, with forward slashes (<c>data/external/trade.csv</c>).</summary>
    public static string Display(string dataDirectory, string path) =>
        Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!, Path.GetFullPath(path)).Replace('\\', '/');
}
