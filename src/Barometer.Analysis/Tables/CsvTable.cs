using System.Text;

namespace Barometer.Analysis.Tables;

/// <summary>
/// A CSV file (RFC 4180) read into memory with the position of every cell kept: the 1-based line and character column
/// at which each field starts, so that any later check can report <c>file:line:column</c> where an editor jumps to the
/// cell. Reading never stops at the first problem: structural problems (ragged rows, bad quoting, a missing header)
/// are collected in <see cref="Errors"/>. Bytes that are not UTF-8 are one located error (see <see cref="TextDecoding"/>).
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
        for (var i = 0; i < Header.Count; i++) _columnIndex.TryAdd(Header[i], i);
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

    /// <summary>True when a problem of <see cref="Errors"/> is on <paramref name="line"/>: its cells are not to be trusted.</summary>
    public bool HasErrorOn(int line) => (_linesWithErrors ??= _errors.Select(e => e.Line).ToHashSet()).Contains(line);

    /// <summary>True when a problem of <see cref="Errors"/> is at exactly this cell.</summary>
    public bool HasErrorAt(int line, int column) => _errors.Any(e => e.Line == line && e.Column == column);

    /// <summary>1-based field number of <paramref name="name"/>, or 0 when the header lacks it.</summary>
    public int ColumnNumber(string name) => _columnIndex.TryGetValue(name, out var i) ? i + 1 : 0;

    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    /// <summary>The character column at which <paramref name="name"/> starts in the header (1 when absent).</summary>
    public int HeaderColumn(string name) =>
        HeaderRow is { } header && _columnIndex.TryGetValue(name, out var i) ? header.ColumnOf(i) : 1;

    /// <summary>Reports each of <paramref name="required"/> that the header lacks, at line 1, column 1.</summary>
    public bool RequireColumns(IEnumerable<string> required)
    {
        if (!Readable) return false;
        var ok = true;
        foreach (var name in required)
        {
            if (HasColumn(name)) continue;
            Report(new DataError(DisplayPath, 1, 1, $"missing column '{name}' (header has: {string.Join(", ", Header)})"));
            ok = false;
        }
        return ok;
    }

    /// <summary>Reads the file at <paramref name="path"/> (UTF-8, or UTF-16 with a byte-order mark).</summary>
    public static CsvTable Read(string path, string displayPath)
    {
        var (text, error) = TextDecoding.Decode(File.ReadAllBytes(path), displayPath);
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
            if (!seen.Add(header.Fields[i]))
                errors.Add(new DataError(displayPath, header.Line, header.ColumnOf(i), $"column '{header.Fields[i]}' appears more than once in the header"));
        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var row in records.Skip(1))
        {
            if (row.Fields.Count != header.Fields.Count)
                errors.Add(new DataError(displayPath, row.Line, row.ColumnOf(header.Fields.Count),
                    $"row has {row.Fields.Count} fields, header has {header.Fields.Count}"));
            rows.Add(row);
        }
        return new CsvTable(displayPath, header, rows, errors, readable: true);
    }

    /// <summary>RFC 4180 with positions: fields separated by commas, optionally quoted with doubled quotes inside; CR, LF or CRLF end a record.</summary>
    private sealed class CsvParser(string text, string displayPath, List<DataError> errors)
    {
        private int _i, _line = 1, _column = 1;

        public List<CsvRow> ReadAll()
        {
            var records = new List<CsvRow>();
            while (_i < text.Length)
            {
                if (AtLineEnd) // a blank line
                {
                    SkipLineEnd();
                    continue;
                }
                records.Add(ReadRecord());
                if (_i < text.Length) SkipLineEnd();
            }
            return records;
        }

        private bool AtLineEnd => text[_i] is '\r' or '\n';

        private void SkipLineEnd()
        {
            if (text[_i] == '\r' && _i + 1 < text.Length && text[_i + 1] == '\n') _i++;
            _i++;
            _line++;
            _column = 1;
        }

        private CsvRow ReadRecord()
        {
            var line = _line;
            var fields = new List<string>();
            var columns = new List<int>();
            var field = new StringBuilder();
            while (true)
            {
                columns.Add(_column);
                field.Clear();
                if (_i < text.Length && text[_i] == '"') ReadQuoted(field);
                else ReadUnquoted(field);
                fields.Add(field.ToString());
                if (_i < text.Length && text[_i] == ',')
                {
                    _i++;
                    _column++;
                    continue;
                }
                return new CsvRow(line, fields, columns, _column);
            }
        }

        private void ReadUnquoted(StringBuilder field)
        {
            var reported = false;
            while (_i < text.Length && text[_i] is not (',' or '\r' or '\n'))
            {
                if (text[_i] == '"' && !reported)
                {
                    errors.Add(new DataError(displayPath, _line, _column,
                        "malformed CSV: a quote inside an unquoted field (quote the whole field and double the quote)"));
                    reported = true;
                }
                field.Append(text[_i++]);
                _column++;
            }
        }

        private void ReadQuoted(StringBuilder field)
        {
            var (openLine, openColumn) = (_line, _column);
            _i++;
            _column++;
            while (_i < text.Length)
            {
                var c = text[_i];
                if (c == '"')
                {
                    if (_i + 1 < text.Length && text[_i + 1] == '"')
                    {
                        field.Append('"');
                        _i += 2;
                        _column += 2;
                        continue;
                    }
                    _i++;
                    _column++;
                    if (_i < text.Length && text[_i] is not (',' or '\r' or '\n'))
                    {
                        errors.Add(new DataError(displayPath, _line, _column, "malformed CSV: text after a closing quote"));
                        ReadUnquoted(field);
                    }
                    return;
                }
                if (c is '\r' or '\n')
                {
                    var start = _i;
                    SkipLineEnd();
                    field.Append(text, start, _i - start);
                    continue;
                }
                field.Append(c);
                _i++;
                _column++;
            }
            errors.Add(new DataError(displayPath, openLine, openColumn, "malformed CSV: this quote is never closed (the field runs to the end of the file)"));
        }
    }
}

/// <summary>
/// One record: the 1-based line on which it starts, its fields, the 1-based character column at which each field
/// starts (its opening quote, if quoted), and the column just past its last character.
/// </summary>
internal sealed record CsvRow(int Line, IReadOnlyList<string> Fields, IReadOnlyList<int> Columns, int EndColumn)
{
    /// <summary>The character column of field <paramref name="index"/> (0-based), or <see cref="EndColumn"/> past the last field.</summary>
    public int ColumnOf(int index) => index >= 0 && index < Columns.Count ? Columns[index] : EndColumn;
}
