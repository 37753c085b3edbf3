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
            "t.csv:6:1: malformed CSV: this quote is never closed (the field runs to the end of the file)",
            "t.csv:6:1: row has 1 fields, header has 3",
        ], table.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
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
