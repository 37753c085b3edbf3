using System.Text;
using Barometer.IO;

namespace Barometer.Analysis.Tables;

/// <summary>
/// A CSV file (RFC 4180) read into memory with the position of every cell kept: the 1-based line and character column
/// at which each field starts, so that any later check can report <c>file:line:column</c> where an editor jumps to the
/// cell. Reading never stops at the first problem: structural problems (ragged rows, bad quoting, a missing header)
/// are collected in <see cref="Errors"/>; an unterminated quote is reported where it opens and costs only its own
/// line (see <see cref="CsvParser"/>). Bytes that are not UTF-8 are one located error (see <see cref="TextDecoding"/>).
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columnIndex;
    private readonly List<DataError> _errors;
    private HashSet<int>? _linesWithErrors;

    private CsvTable(string displayPath, CsvRow? headerRow, IReadOnlyList<CsvRow> rows, List<DataError> errors, bool readable)
    {
        DisplayPath = displayPath;
        HeaderRow = headerRow;
        Header = headerRow?.Fields ?? [];
        Rows = rows;
        _errors = errors;
        Readable = readable;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Header.Count; i++)
        {
            _columnIndex.TryAdd(Header[i], i);
        }
    }

    /// <summary>The path used in error messages (relative to the data folder's parent where possible).</summary>
    public string DisplayPath { get; }

    /// <summary>The column names, trimmed, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The header as read, with the position of each name; null for an empty or unreadable file.</summary>
    public CsvRow? HeaderRow { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>False when the file's bytes could not be read as text: its one error says why, and no column checks follow.</summary>
    public bool Readable { get; }

    /// <summary>The problems found in this table: structure, and (when checked) schema and foreign keys.</summary>
    public IReadOnlyList<DataError> Errors => _errors;

    /// <summary>Records a problem of this table (reading, schema and foreign-key checks do).</summary>
    public void Report(DataError error)
    {
        _errors.Add(error);
        _linesWithErrors?.Add(error.Line);
    }

    /// <summary>
    /// True when a problem of <see cref="Errors"/> is on a line of <paramref name="row"/> (a row with a quoted line
    /// break spans several): its cells are not to be trusted.
    /// </summary>
    public bool HasErrorIn(CsvRow row)
    {
        var lines = _linesWithErrors ??= _errors.Select(e => e.Line).ToHashSet();
        for (var line = row.Line; line <= row.EndLine; line++)
        {
            if (lines.Contains(line))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a problem of <see cref="Errors"/> is at exactly this cell.</summary>
    public bool HasErrorAt(int line, int column) => _errors.Any(e => e.Line == line && e.Column == column);

    /// <summary>1-based field number of <paramref name="name"/>, or 0 when the header lacks it.</summary>
    public int ColumnNumber(string name) => _columnIndex.TryGetValue(name, out var i) ? i + 1 : 0;

    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    /// <summary>The line on which <paramref name="name"/> starts in the header (1 when absent).</summary>
    public int HeaderLine(string name) =>
        HeaderRow is { } header && _columnIndex.TryGetValue(name, out var i) ? header.LineOf(i) : 1;

    /// <summary>The character column at which <paramref name="name"/> starts in the header (1 when absent).</summary>
    public int HeaderColumn(string name) =>
        HeaderRow is { } header && _columnIndex.TryGetValue(name, out var i) ? header.ColumnOf(i) : 1;

    /// <summary>Reports each of <paramref name="required"/> that the header lacks, at line 1, column 1.</summary>
    public bool RequireColumns(IEnumerable<string> required)
    {
        if (!Readable)
        {
            return false;
        }

        var ok = true;
        foreach (var name in required)
        {
            if (HasColumn(name))
            {
                continue;
            }

            Report(new DataError(DisplayPath, 1, 1, $"missing column '{name}' (header has: {string.Join(", ", Header)})"));
            ok = false;
        }
        return ok;
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> (UTF-8, or UTF-16 with a byte-order mark). A file that cannot be read
    /// (no permission, a folder of that name) is an unreadable table with one error at 1:1 saying why.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DirectoryNotFoundException">A folder on its path does not exist.</exception>
    public static CsvTable Read(string path, string displayPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not (FileNotFoundException or DirectoryNotFoundException)))
        {
            return new CsvTable(displayPath, null, [], [new DataError(displayPath, 1, 1, $"cannot read the file: {FileProblem.DescribeRead(path, e)}")], readable: false);
        }
        var (text, error) = TextDecoding.Decode(bytes, displayPath);
        return text is null ? new CsvTable(displayPath, null, [], [error!], readable: false) : Parse(text, displayPath);
    }

    /// <summary>Parses CSV text; every row keeps its line and the character column of each field.</summary>
    public static CsvTable Parse(string text, string displayPath)
    {
        var errors = new List<DataError>();
        var records = new CsvParser(text, displayPath, errors).ReadAll();
        if (records.Count == 0)
        {
            errors.Add(new DataError(displayPath, 1, 1, "file is empty: expected a header row"));
            return new CsvTable(displayPath, null, [], errors, readable: true);
        }
        var first = records[0];
        var header = first with { Fields = first.Fields.Select(h => h.Trim()).ToArray() };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            if (!seen.Add(header.Fields[i]))
            {
                errors.Add(new DataError(displayPath, header.LineOf(i), header.ColumnOf(i), $"column '{header.Fields[i]}' appears more than once in the header"));
            }
        }

        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var row in records.Skip(1))
        {
            // A row with an unterminated quote has lost its later fields to it: that is its one error.
            if (row.Fields.Count != header.Fields.Count && row.UnterminatedField is null)
            {
                errors.Add(new DataError(displayPath, row.LineOf(header.Fields.Count), row.ColumnOf(header.Fields.Count),
                    $"row has {row.Fields.Count} fields, header has {header.Fields.Count}"));
            }

            rows.Add(row);
        }
        return new CsvTable(displayPath, header, rows, errors, readable: true);
    }
}
