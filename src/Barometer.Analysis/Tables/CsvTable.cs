using CsvHelper;

namespace Barometer.Analysis.Tables;

/// <summary>
/// A CSV file read into memory with the position of every cell kept, so that any later check
/// can report <c>file:line:column</c>. Reading never stops at the first problem: structural
/// problems (ragged rows, bad quoting, a missing header) are collected in <see cref="Errors"/>.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columnIndex;

    private CsvTable(string displayPath, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows, List<DataError> errors)
    {
        DisplayPath = displayPath;
        Header = header;
        Rows = rows;
        Errors = errors;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) _columnIndex.TryAdd(header[i], i);
    }

    /// <summary>The path used in error messages (relative to the data folder's parent where possible).</summary>
    public string DisplayPath { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<CsvRow> Rows { get; }
    public List<DataError> Errors { get; }

    /// <summary>1-based column number of <paramref name="name"/>, or 0 when the header lacks it.</summary>
    public int ColumnNumber(string name) => _columnIndex.TryGetValue(name, out var i) ? i + 1 : 0;

    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    /// <summary>Reports each of <paramref name="required"/> that the header lacks, at line 1.</summary>
    public bool RequireColumns(params string[] required)
    {
        var ok = true;
        foreach (var name in required)
        {
            if (HasColumn(name)) continue;
            Errors.Add(new DataError(DisplayPath, 1, 0, $"missing column '{name}' (header has: {string.Join(", ", Header)})"));
            ok = false;
        }
        return ok;
    }

    public static CsvTable Read(string path, string displayPath)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, displayPath);
    }

    public static CsvTable Parse(TextReader reader, string displayPath)
    {
        var errors = new List<DataError>();
        var rows = new List<CsvRow>();
        IReadOnlyList<string> header = [];
        var options = new CsvReaderOptions
        {
            HasHeader = false, // the header is read as a row so that its line is known too
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // reported below, with the row's line
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = bad => errors.Add(new DataError(displayPath, (int)bad.LineNumber, 0,
                $"malformed CSV ({Describe(bad.Reason)}) in: {Truncate(bad.RawRecord)}")),
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var record = new string[csv.FieldCount];
            for (var i = 0; i < record.Length; i++) record[i] = csv.GetString(i);
            if (header.Count == 0)
            {
                header = record.Select(h => h.Trim()).ToArray();
                var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                    errors.Add(new DataError(displayPath, line, header.ToList().IndexOf(duplicate.Key) + 1,
                        $"column '{duplicate.Key}' appears more than once in the header"));
                continue;
            }
            if (record.Length == 1 && record[0].Length == 0) continue; // blank line
            if (record.Length != header.Count)
                errors.Add(new DataError(displayPath, line, Math.Min(record.Length, header.Count) + 1,
                    $"row has {record.Length} fields, header has {header.Count}"));
            rows.Add(new CsvRow(line, record));
        }
        if (header.Count == 0)
            errors.Add(new DataError(displayPath, 1, 0, "file is empty: expected a header row"));
        return new CsvTable(displayPath, header, rows, errors);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "stray quote",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "unterminated quote",
        CsvMalformedReason.LineBreakInQuotes => "line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "field count differs from the header",
        _ => reason.ToString(),
    };

    private static string Truncate(string? s) =>
        s is null ? "" : (s.Length > 60 ? s[..60] + "…" : s).ReplaceLineEndings(" ");
}

/// <summary>One data row: its fields and the 1-based line on which it starts.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);
