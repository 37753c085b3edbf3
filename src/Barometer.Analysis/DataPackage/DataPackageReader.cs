using System.Text;
using System.Text.Json;
using Barometer.Analysis.Tables;
using Barometer.IO;

namespace Barometer.Analysis.DataPackage;

/// <summary>
/// One command's reading of a data folder: <c>datapackage.json</c> and each resource's CSV are read once, on first
/// use, and shared by everything that needs them (the validator, the loaders, the derived checks), each table checked
/// against its Table Schema and its foreign keys once. Create one per command and pass it along; nothing is cached
/// beyond its lifetime.
/// </summary>
internal sealed class DataPackageReader
{
    private readonly List<DataError> _descriptorErrors = [];
    private readonly Dictionary<string, CsvTable?> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DataError> _missing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keysChecked = new(StringComparer.Ordinal);
    private bool _descriptorRead;
    private DataPackageDescriptor? _descriptor;

    /// <summary>The folder of measurement and derived-check tables, relative to the data folder.</summary>
    public const string ExternalFolder = "external/";

    public DataPackageReader(string dataDirectory) => DataDirectory = Path.GetFullPath(dataDirectory);

    /// <summary>The data folder (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>The descriptor's path as errors print it (<c>data/datapackage.json</c>).</summary>
    public string DescriptorDisplay => Display(Path.Combine(DataDirectory, DataPackageDescriptor.FileName));

    /// <summary>The descriptor, or null when it is missing or invalid (see <see cref="DescriptorErrors"/>).</summary>
    public DataPackageDescriptor? Descriptor
    {
        get
        {
            if (_descriptorRead)
            {
                return _descriptor;
            }

            _descriptorRead = true;
            _descriptor = ReadDescriptor();
            return _descriptor;
        }
    }

    /// <summary>Problems with the descriptor itself: missing, not valid JSON, or a foreign key to an unknown resource.</summary>
    public IReadOnlyList<DataError> DescriptorErrors
    {
        get
        {
            _ = Descriptor;
            return _descriptorErrors;
        }
    }

    /// <summary>The resource named <paramref name="name"/>, or null (also when there is no descriptor).</summary>
    public DataResource? Resource(string name) => Descriptor?.Find(name);

    /// <summary>
    /// The table of <paramref name="resource"/>, read once, checked against its schema and foreign keys; its problems
    /// are in <see cref="CsvTable.Errors"/>. Null when the file is missing (see <see cref="ErrorsOf"/>).
    /// </summary>
    internal CsvTable? Table(DataResource resource)
    {
        var table = Parsed(resource);
        if (table is not null && _keysChecked.Add(resource.Name))
        {
            CheckForeignKeys(table, resource);
        }

        return table;
    }

    /// <summary>Every problem that concerns <paramref name="resources"/>: the descriptor's, missing files, and their tables' errors.</summary>
    public IReadOnlyList<DataError> ErrorsOf(IEnumerable<DataResource> resources)
    {
        var errors = new List<DataError>(DescriptorErrors);
        foreach (var resource in resources)
        {
            if (Table(resource) is { } table)
            {
                errors.AddRange(table.Errors);
            }
            else if (_missing.TryGetValue(resource.Name, out var missing))
            {
                errors.Add(missing);
            }
        }
        return errors;
    }

    /// <summary>A path relative to the data folder's parent, with forward slashes (<c>data/external/trade.csv</c>).</summary>
    public string Display(string path) =>
        Path.GetRelativePath(Path.GetDirectoryName(DataDirectory)!, Path.GetFullPath(path)).Replace('\\', '/');

    /// <summary>The file name without folder and extension: <c>external/trade.csv</c> → <c>trade</c>.</summary>
    public static string Stem(DataResource resource) => Path.GetFileNameWithoutExtension(resource.Path);

    /// <summary>True when <paramref name="resource"/> lives under <c>external/</c> and its schema has every one of <paramref name="columns"/>.</summary>
    public static bool IsExternalWith(DataResource resource, IEnumerable<string> columns) =>
        resource.Path.Replace('\\', '/').StartsWith(ExternalFolder, StringComparison.Ordinal) &&
        columns.All(c => resource.Schema.Fields.Any(f => f.Name == c));

    private DataPackageDescriptor? ReadDescriptor()
    {
        var path = Path.Combine(DataDirectory, DataPackageDescriptor.FileName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            _descriptorErrors.Add(new DataError(DescriptorDisplay, 1, 1, "file not found: every table must be described in datapackage.json"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _descriptorErrors.Add(new DataError(DescriptorDisplay, 1, 1, $"cannot read the file: {FileProblem.DescribeRead(path, e)}"));
            return null;
        }
        var (text, decodingError) = TextDecoding.Decode(bytes, DescriptorDisplay);
        if (text is null)
        {
            _descriptorErrors.Add(decodingError!);
            return null;
        }
        try
        {
            return DataPackageDescriptor.Parse(text);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            _descriptorErrors.Add(new DataError(DescriptorDisplay, line + 1, CharacterColumn(text, line, (int)(e.BytePositionInLine ?? 0)),
                $"invalid descriptor: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}"));
            return null;
        }
    }

    /// <summary>The 1-based character column of byte <paramref name="byteInLine"/> of 0-based line <paramref name="line"/>.</summary>
    private static int CharacterColumn(string text, int line, int byteInLine)
    {
        var lines = text.Split('\n');
        if (line >= lines.Length)
        {
            return 1;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        return 1 + Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(byteInLine, bytes.Length));
    }

    private CsvTable? Parsed(DataResource resource)
    {
        if (_parsed.TryGetValue(resource.Name, out var cached))
        {
            return cached;
        }

        var path = Path.Combine(DataDirectory, resource.Path);
        CsvTable? table;
        try
        {
            table = CsvTable.Read(path, Display(path));
            TableSchemaValidator.Validate(table, resource.Schema);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            table = null;
            _missing[resource.Name] = new DataError(DescriptorDisplay, 1, 1, $"resource '{resource.Name}': file '{resource.Path}' not found");
        }
        _parsed[resource.Name] = table;
        return table;
    }

    private void CheckForeignKeys(CsvTable table, DataResource resource)
    {
        foreach (var fk in resource.Schema.ForeignKeys)
        {
            var target = fk.Reference.Resource.Length == 0 ? resource : Resource(fk.Reference.Resource);
            if (target is null)
            {
                var error = new DataError(DescriptorDisplay, 1, 1, $"resource '{resource.Name}': foreign key refers to unknown resource '{fk.Reference.Resource}'");
                if (!_descriptorErrors.Contains(error))
                {
                    _descriptorErrors.Add(error);
                }

                continue;
            }
            if (Parsed(target) is not { Readable: true } referenced || !table.Readable)
            {
                continue; // reported as missing or unreadable
            }

            var (fields, targetFields) = (fk.Fields, fk.Reference.Fields);
            if (!fields.All(table.HasColumn) || !targetFields.All(referenced.HasColumn))
            {
                continue; // reported as missing columns
            }

            var keys = referenced.Rows.Select(r => TableSchemaValidator.Key(new RowReader(referenced, r, referenced.Report), targetFields)).ToHashSet(StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                var reader = new RowReader(table, row, table.Report);
                if (fields.All(f => reader.Raw(f).Length == 0))
                {
                    continue; // an empty optional reference
                }

                if (row.UnterminatedField is not null)
                {
                    continue; // its cells are not what the author meant; the quote is reported
                }

                if (fields.Any(f => table.HasErrorAt(reader.LineOf(f), reader.Column(f))))
                {
                    continue; // the value is already refused there
                }

                var key = TableSchemaValidator.Key(reader, fields);
                if (!keys.Contains(key))
                {
                    reader.Error(fields[0], $"({string.Join(", ", fields)}) = ({key}) is not in {Path.GetFileName(referenced.DisplayPath)} ({string.Join(", ", targetFields)})");
                }
            }
        }
    }
}
