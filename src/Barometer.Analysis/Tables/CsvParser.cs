using System.Globalization;
using System.Text;

namespace Barometer.Analysis.Tables;

/// <summary>
/// RFC 4180 with positions: fields separated by commas, optionally quoted with doubled quotes inside; CR, LF or CRLF
/// end a record (outside quotes); blank lines are skipped. Every field keeps the 1-based line and character column
/// where it starts, so a field after a quoted line break is located on its own line.
/// </summary>
/// <remarks>
/// <para>A quoted field may span lines. A quote that is opened and not closed on its line is taken as a runaway (a
/// missing closing quote) rather than as a field spanning lines when reading it across lines gives a record that
/// cannot be right: the quote is never closed before the end of the file; the quote that closes it is followed by
/// text; or a whole line inside the field, read on its own, has exactly the header's number of fields (a swallowed
/// row). A runaway quote is reported once, at
/// the line and column where it opens; its field ends with that line (the record's fields from it on are not
/// checked), and reading resumes on the next line, so every later line is read, and reported, as itself. A record
/// whose only problem is its number of fields is not taken as a runaway: its fields keep their true lines, and the
/// count is reported where it goes wrong.</para>
/// </remarks>
internal sealed class CsvParser(string text, string displayPath, List<DataError> errors)
{
    private int _i, _line = 1, _column = 1;
    private int _headerFields;             // the header's field count, once read
    private List<QuotedSpan>? _spans;      // quoted fields of the record being read that crossed a line break
    private Runaway? _runaway;             // when re-reading a record: the quote to end at its line, and why

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
            var row = ReadRecord();
            if (records.Count == 0)
            {
                _headerFields = row.Fields.Count;
            }

            records.Add(row);
            if (_i < text.Length)
            {
                SkipLineEnd();
            }
        }
        return records;
    }

    private bool AtLineEnd => text[_i] is '\r' or '\n';

    private void SkipLineEnd()
    {
        if (text[_i] == '\r' && _i + 1 < text.Length && text[_i + 1] == '\n')
        {
            _i++;
        }

        _i++;
        _line++;
        _column = 1;
    }

    /// <summary>Reads one record; re-reads it with its runaway quote ended at its line when it has one.</summary>
    private CsvRow ReadRecord()
    {
        var (start, line, column, errorCount) = (_i, _line, _column, errors.Count);
        _spans = null;
        var row = ReadFields();
        if (_spans is null || FindRunaway() is not { } runaway)
        {
            return row;
        }

        errors.RemoveRange(errorCount, errors.Count - errorCount);
        (_i, _line, _column) = (start, line, column);
        _runaway = runaway;
        _spans = null;
        try
        {
            return ReadFields();
        }
        finally
        {
            _runaway = null;
        }
    }

    private CsvRow ReadFields()
    {
        int? unterminated = null;
        var line = _line;
        var fields = new List<string>();
        var lines = new List<int>();
        var columns = new List<int>();
        var field = new StringBuilder();
        while (true)
        {
            lines.Add(_line);
            columns.Add(_column);
            field.Clear();
            if (_i < text.Length && text[_i] == '"')
            {
                if (!ReadQuoted(field))
                {
                    unterminated ??= fields.Count;
                }
            }
            else
            {
                ReadUnquoted(field);
            }
            fields.Add(field.ToString());
            if (_i < text.Length && text[_i] == ',')
            {
                _i++;
                _column++;
                continue;
            }
            return new CsvRow(line, fields, lines, columns, _line, _column) { UnterminatedField = unterminated };
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

    /// <summary>Reads a quoted field; false when it is the runaway quote being re-read, ended at its line.</summary>
    private bool ReadQuoted(StringBuilder field)
    {
        var (openLine, openColumn) = (_line, _column);
        var endAtLine = _runaway is { } r && r.Line == openLine && r.Column == openColumn;
        QuotedSpan? span = null;
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
                if (span is not null)
                {
                    (span.CloseLine, span.CloseColumn, span.CloseLineStart) = (_line, _column, LineStart(_i));
                }

                _i++;
                _column++;
                if (_i < text.Length && text[_i] is not (',' or '\r' or '\n'))
                {
                    if (span is not null)
                    {
                        span.TextAfterClose = true;
                    }

                    errors.Add(new DataError(displayPath, _line, _column, "malformed CSV: text after a closing quote"));
                    ReadUnquoted(field);
                }
                return true;
            }
            if (c is '\r' or '\n')
            {
                if (endAtLine)
                {
                    ReportRunaway(openLine, openColumn);
                    return false;
                }
                var start = _i;
                SkipLineEnd();
                if (span is null)
                {
                    span = new QuotedSpan(openLine, openColumn, _i);
                    (_spans ??= []).Add(span);
                }
                field.Append(text, start, _i - start);
                continue;
            }
            field.Append(c);
            _i++;
            _column++;
        }
        // The end of the file inside the quotes.
        if (span is null && !endAtLine)
        {
            // Opened on the last line: there is no later line to resume on.
            errors.Add(new DataError(displayPath, openLine, openColumn, "malformed CSV: this quote is never closed (the file ends first)"));
            return false;
        }
        if (span is not null)
        {
            span.ReachedEnd = true;
        }
        else
        {
            ReportRunaway(openLine, openColumn);
        }

        return !endAtLine;
    }

    private void ReportRunaway(int line, int column)
    {
        var runaway = _runaway!;
        var why = runaway.CloseLine is { } closeLine
            ? string.Create(CultureInfo.InvariantCulture,
                $"this quote is not closed on its line: the next quote, at {closeLine}:{runaway.CloseColumn}, would make {LineRange(line + 1, closeLine)} part of this field")
            : "this quote is never closed (the file ends first)";
        var rest = text.AsSpan(_i).TrimStart("\r\n").IsEmpty ? "" : ", and the next line is read as a new row";
        errors.Add(new DataError(displayPath, line, column, $"malformed CSV: {why}; the field is taken to end with this line{rest}"));
    }

    private static string LineRange(int from, int to) =>
        from == to ? $"line {from.ToString(CultureInfo.InvariantCulture)}" : string.Create(CultureInfo.InvariantCulture, $"lines {from}–{to}");

    /// <summary>The first quoted field of the record just read that must be a missing closing quote (see the remarks), or null.</summary>
    private Runaway? FindRunaway()
    {
        var spans = _spans!;
        var culprit = spans.FirstOrDefault(s => s.ReachedEnd || s.TextAfterClose || SwallowsARow(s));
        return culprit is null ? null : new Runaway(culprit.OpenLine, culprit.OpenColumn, culprit.ReachedEnd ? null : culprit.CloseLine, culprit.CloseColumn);
    }

    /// <summary>True when a whole line inside the quoted field has exactly the header's number of fields.</summary>
    private bool SwallowsARow(QuotedSpan span)
    {
        if (_headerFields < 2 || span.ReachedEnd)
        {
            return false;
        }

        var fields = 1;
        var quoted = false;
        for (var i = span.InnerStart; i < span.CloseLineStart; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields++;
            }
            else if (c is '\r' or '\n')
            {
                if (fields == _headerFields)
                {
                    return true;
                }

                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                (fields, quoted) = (1, false);
            }
        }
        return false;
    }

    /// <summary>The index where the line holding <paramref name="index"/> starts.</summary>
    private int LineStart(int index)
    {
        var i = index;
        while (i > 0 && text[i - 1] is not ('\r' or '\n'))
        {
            i--;
        }

        return i;
    }

    /// <summary>A quoted field that crossed a line break while reading one record.</summary>
    private sealed class QuotedSpan(int openLine, int openColumn, int innerStart)
    {
        public int OpenLine { get; } = openLine;
        public int OpenColumn { get; } = openColumn;
        /// <summary>The index of the first character after the opening line's end.</summary>
        public int InnerStart { get; } = innerStart;
        public int CloseLine { get; set; }
        public int CloseColumn { get; set; }
        /// <summary>The index where the closing quote's line starts (lines before it lie wholly inside the field).</summary>
        public int CloseLineStart { get; set; }
        public bool ReachedEnd { get; set; }
        public bool TextAfterClose { get; set; }
    }

    /// <summary>The runaway quote of a record being re-read; <see cref="CloseLine"/> is null when it reached the end of the file.</summary>
    private sealed record Runaway(int Line, int Column, int? CloseLine, int CloseColumn);
}

/// <summary>
/// One record: the 1-based line on which it starts, its fields, the 1-based line and character column at which each
/// field starts (its opening quote, if quoted; a field after a quoted line break starts on a later line), and the
/// position just past its last character.
/// </summary>
internal sealed record CsvRow(int Line, IReadOnlyList<string> Fields, IReadOnlyList<int> Lines, IReadOnlyList<int> Columns, int EndLine, int EndColumn)
{
    /// <summary>
    /// The 0-based field whose quote is never closed (see <see cref="CsvParser"/>), or null: that field and the ones
    /// after it are not what the author meant, so no check reads them.
    /// </summary>
    public int? UnterminatedField { get; init; }

    /// <summary>The line of field <paramref name="index"/> (0-based), or <see cref="EndLine"/> past the last field.</summary>
    public int LineOf(int index) => index >= 0 && index < Lines.Count ? Lines[index] : EndLine;

    /// <summary>The character column of field <paramref name="index"/> (0-based), or <see cref="EndColumn"/> past the last field.</summary>
    public int ColumnOf(int index) => index >= 0 && index < Columns.Count ? Columns[index] : EndColumn;

    /// <summary>False for a field at or after an unterminated quote: its text is not what the author meant.</summary>
    public bool IsReadable(int index) => UnterminatedField is not { } u || index < u;
}
