using System.Text;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Tables;

/// <summary>Reading CSV: positions are 1-based lines and character columns; bytes that are not UTF-8 are one located error.</summary>
public class CsvTableTests
{
    private const string Events = BarometerDataLoader.RelationshipEventsFile;

    [Fact]
    public void Every_field_keeps_the_character_column_where_it_starts()
    {
        var table = CsvTable.Parse("a,bb,c\nxé,\"q,\"\"x\"\"\",z\n\n1,2,3\r\n", "t.csv");
        Assert.Empty(table.Errors);
        Assert.Equal(["a", "bb", "c"], table.Header);
        var first = table.Rows[0];
        Assert.Equal(2, first.Line);
        Assert.Equal(["xé", "q,\"x\"", "z"], first.Fields);
        Assert.Equal([1, 4, 14], first.Columns); // the quoted field starts at its opening quote
        Assert.Equal(4, table.Rows[1].Line);      // the blank line is skipped, not renumbered
    }

    [Fact]
    public void A_quoted_line_break_moves_the_following_fields_to_the_next_line()
    {
        var table = CsvTable.Parse("a,b,c\n\"one\ntwo\",x,y\n", "t.csv");
        Assert.Empty(table.Errors);
        Assert.Equal(["one\ntwo", "x", "y"], table.Rows[0].Fields);
        Assert.Equal([1, 6, 8], table.Rows[0].Columns); // x starts at line 3, column 6
    }

    [Fact]
    public void Quoting_problems_and_ragged_rows_are_located_at_the_character()
    {
        var table = CsvTable.Parse("a,b,c\n1,x\"y,3\n1,\"2\"z,3\n1,2,3,4\n1,2\n\"open,1,2\n", "t.csv");
        Assert.Equal([
            "t.csv:2:4: malformed CSV: a quote inside an unquoted field (quote the whole field and double the quote)",
            "t.csv:3:6: malformed CSV: text after a closing quote",
            "t.csv:4:7: row has 4 fields, header has 3",
            "t.csv:5:4: row has 2 fields, header has 3",
            "t.csv:6:1: malformed CSV: this quote is never closed (the file ends first); the field is taken to end with this line",
        ], table.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_quote_never_closed_is_reported_where_it_opens_and_the_lines_after_it_are_read_as_rows()
    {
        var table = CsvTable.Parse("a,b,c\n1,\"x,3\n4,5,6\n7,8\n", "t.csv");
        Assert.Equal([
            "t.csv:2:3: malformed CSV: this quote is never closed (the file ends first); the field is taken to end with this line, and the next line is read as a new row",
            "t.csv:4:4: row has 2 fields, header has 3",
        ], table.Errors.Select(e => e.ToString()));
        Assert.Equal([2, 3, 4], table.Rows.Select(r => r.Line));
        Assert.Equal(["1", "x,3"], table.Rows[0].Fields);
        Assert.Equal(1, table.Rows[0].UnterminatedField);
        Assert.Equal(["4", "5", "6"], table.Rows[1].Fields);
    }

    [Fact]
    public void A_quote_closed_only_by_a_quote_lines_later_is_a_missing_closing_quote_not_a_field_spanning_lines()
    {
        // Line 2's label quote is never closed on its line; the next quote opens line 5's own quoted label.
        var table = CsvTable.Parse(
            "id,label,score\n1,\"First event,2\n2,Second event,3\n3,Third event,x\n4,\"Lavrov, Naryshkin\",1\n", "t.csv");
        Assert.Equal([
            "t.csv:2:3: malformed CSV: this quote is not closed on its line: the next quote, at 5:3, would make lines 3–5 part of this field; " +
            "the field is taken to end with this line, and the next line is read as a new row",
        ], table.Errors.Select(e => e.ToString()));
        Assert.Equal([2, 3, 4, 5], table.Rows.Select(r => r.Line));
        Assert.Equal(["3", "Third event", "x"], table.Rows[2].Fields);
        Assert.Equal(["4", "Lavrov, Naryshkin", "1"], table.Rows[3].Fields);
        Assert.Equal([5, 5, 5], table.Rows[3].Lines); // every field on its own line
    }

    [Fact]
    public void A_runaway_quote_that_swallows_whole_rows_is_caught_even_when_its_closing_quote_is_followed_by_a_comma()
    {
        // Read across lines, line 2's quote would close at 4:6 followed by a line end: a well-formed record, but
        // line 3, inside it, is a row of its own.
        var table = CsvTable.Parse("a,b,c\n1,\"two,3\n4,5,6\n7,8,9\"\n", "t.csv");
        Assert.Equal([
            "t.csv:2:3: malformed CSV: this quote is not closed on its line: the next quote, at 4:6, would make lines 3–4 part of this field; " +
            "the field is taken to end with this line, and the next line is read as a new row",
            "t.csv:4:6: malformed CSV: a quote inside an unquoted field (quote the whole field and double the quote)",
        ], table.Errors.Select(e => e.ToString()));
        Assert.Equal(["4", "5", "6"], table.Rows[1].Fields);
    }

    [Fact]
    public void A_field_that_legitimately_spans_lines_keeps_the_true_line_and_column_of_every_later_field()
    {
        var table = CsvTable.Parse("a,b,c\n1,\"one\r\ntwo, three\",x\n4,\"\",\"\"\n", "t.csv");
        Assert.Empty(table.Errors);
        var row = table.Rows[0];
        Assert.Equal(["1", "one\r\ntwo, three", "x"], row.Fields);
        Assert.Equal([2, 2, 3], row.Lines);
        Assert.Equal([1, 3, 13], row.Columns);
        Assert.Equal(4, table.Rows[1].Line);

        // Problems after the line break are located on it: a ragged row, and a cell's own error.
        var ragged = CsvTable.Parse("a,b\n\"one\ntwo\",x,y\n", "r.csv");
        Assert.Equal("r.csv:3:8: row has 3 fields, header has 2", Assert.Single(ragged.Errors).ToString());
        var errors = new List<DataError>();
        new RowReader(table, row, errors.Add).Error("c", "is wrong");
        Assert.Equal("t.csv:3:13: c: is wrong", Assert.Single(errors).ToString());
        Assert.False(table.HasErrorIn(row));
    }

    [Fact]
    public void Lone_carriage_returns_end_lines_and_a_byte_order_mark_takes_no_column()
    {
        var cr = CsvTable.Parse("a,b\r1,x\"y\r\r2,\"q\"z\r", "cr.csv");
        Assert.Equal(["cr.csv:2:4: malformed CSV: a quote inside an unquoted field (quote the whole field and double the quote)",
                      "cr.csv:4:6: malformed CSV: text after a closing quote"], cr.Errors.Select(e => e.ToString()));

        var path = Path.Combine(Path.GetTempPath(), $"bom-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "id,id\n1,x\"y\n"u8]);
            Assert.Equal(["b.csv:1:4: column 'id' appears more than once in the header",
                          "b.csv:2:4: malformed CSV: a quote inside an unquoted field (quote the whole field and double the quote)"],
                CsvTable.Read(path, "b.csv").Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_audited_runaway_quote_in_the_catalogue_is_one_error_at_its_opening_and_nothing_else_is_blamed_on_its_line()
    {
        // Issue 18's audit: a quote opened before the label of line 6 (6:28) and never closed. The next quote is the
        // opening quote of line 19's label; read across lines, lines 7–19 were blamed on line 6.
        using var data = RepoData.Copy();
        var lines = data.Lines(Events);
        var column = data.CharacterColumn(Events, 6, 5);
        Assert.Equal(28, column);
        lines[5] = lines[5].Insert(column - 1, "\"");
        data.Write(Events, lines);

        var errors = DataValidation.Validate(data.DataDir).Where(e => e.File.EndsWith(Events, StringComparison.Ordinal)).ToArray();
        var e = Assert.Single(errors);
        Assert.Equal((6, 28), (e.Line, e.Column));
        // The next quote opens a later line's quoted field (line 19 when audited; the quoted event_as_printed column
        // brought it to an earlier line), found from the data rather than written in.
        var next = Enumerable.Range(7, lines.Length - 6).First(n => lines[n - 1].Contains('"', StringComparison.Ordinal));
        Assert.StartsWith($"malformed CSV: this quote is not closed on its line: the next quote, at {next}:", e.Message, StringComparison.Ordinal);
        Assert.Contains($"would make lines 7–{next} part of this field", e.Message, StringComparison.Ordinal);
        var load = BarometerDataLoader.TryLoad(data.DataDir);
        Assert.False(load.Ok);
        Assert.Equal([e], load.Errors.Where(x => x.File.EndsWith(Events, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_table_that_cannot_be_read_is_one_error_naming_why_not_a_crash()
    {
        using var data = RepoData.Copy();
        var events = data.PathOf(Events);
        File.Delete(events);
        Directory.CreateDirectory(events); // a folder where the table should be
        var e = Assert.Single(DataValidation.Validate(data.DataDir), x => x.File.EndsWith(Events, StringComparison.Ordinal));
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Equal($"cannot read the file: '{events}' is a folder, not a file", e.Message);
    }

    [Fact]
    public void File_and_header_problems_are_at_line_1_column_1_or_the_header_cell_never_0()
    {
        var empty = CsvTable.Parse("", "e.csv");
        Assert.Equal("e.csv:1:1: file is empty: expected a header row", Assert.Single(empty.Errors).ToString());
        var duplicate = CsvTable.Parse("id,name,id\n1,a,1\n", "d.csv");
        Assert.Equal("d.csv:1:9: column 'id' appears more than once in the header", Assert.Single(duplicate.Errors).ToString());
        duplicate.RequireColumns(["score"]);
        Assert.Equal((1, 1), (duplicate.Errors[1].Line, duplicate.Errors[1].Column));
    }

    [Fact]
    public void Latin1_bytes_are_an_error_at_the_line_and_character_column_of_the_first_bad_byte()
    {
        using var data = RepoData.Copy();
        var lines = data.Lines(Events);
        var line = 7;
        var label = ScratchData.SplitCsvLine(lines[line - 1])[4];
        var at = lines[line - 1].IndexOf(label, StringComparison.Ordinal) + 3; // the third character of the label
        lines[line - 1] = lines[line - 1].Replace(label, label[..2] + "é" + label[2..]);
        // é in Latin-1 is the single byte 0xE9, which is not UTF-8
        File.WriteAllBytes(data.PathOf(Events), Encoding.Latin1.GetBytes(string.Join("\n", lines) + "\n"));

        var e = Assert.Single(DataValidation.Validate(data.DataDir), x => x.File.EndsWith(Events));
        Assert.Equal((line, at), (e.Line, e.Column));
        Assert.Contains("invalid UTF-8 (byte 0xE9)", e.Message);
        Assert.Contains("Latin-1", e.Message);
        Assert.False(BarometerDataLoader.TryLoad(data.DataDir).Ok);
    }

    [Fact]
    public void A_utf16_file_without_a_byte_order_mark_is_one_error_that_names_the_encoding()
    {
        using var data = RepoData.Copy();
        var text = File.ReadAllText(data.PathOf(Events));
        File.WriteAllBytes(data.PathOf(Events), Encoding.Unicode.GetBytes(text)); // UTF-16LE, no BOM

        var errors = DataValidation.Validate(data.DataDir).Where(x => x.File.EndsWith(Events)).ToArray();
        var e = Assert.Single(errors);
        Assert.Equal((1, 2), (e.Line, e.Column)); // the NUL after the first character
        Assert.Contains("UTF-16 saved without a byte-order mark", e.Message);
        Assert.DoesNotContain('\0', e.ToString());
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_and_utf8_with_one_read_as_text()
    {
        using var data = RepoData.Copy();
        var text = File.ReadAllText(data.PathOf(Events));
        File.WriteAllBytes(data.PathOf(Events), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        var utf16 = BarometerDataLoader.TryLoad(data.DataDir);
        Assert.True(utf16.Ok, string.Join("\n", utf16.Errors));
        File.WriteAllBytes(data.PathOf(Events), [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        Assert.True(BarometerDataLoader.TryLoad(data.DataDir).Ok);
    }
}
