using Barometer.Analysis.Charts;
using Barometer.Analysis.Charts.Export;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Tests.Charts;

public class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-", "'-")]
    [InlineData("-3", "-3")]
    [InlineData("+1", "+1")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("Roaming fees cut", "Roaming fees cut")]
    [InlineData("", "")]
    public void Formula_like_text_is_neutralised_but_genuine_numbers_are_kept(string cell, string expected) =>
        Assert.Equal(expected, CsvText.Neutralise(cell));

    [Fact]
    public void Numbers_dates_and_nulls_are_written_invariantly()
    {
        var table = new FigureTable(["n", "d", "x", "s"], [[-3, new DateOnly(2020, 11, 1), null, "=1+1"], [2.5, null, true, "a,\"b\""]]);
        Assert.Equal("n,d,x,s\r\n-3,2020-11-01,,'=1+1\r\n2.5,,true,\"a,\"\"b\"\"\"\r\n", CsvExport.ToCsv(table));
    }

    [Fact]
    public void Every_figure_csv_has_its_columns_and_keeps_negative_scores_as_numbers()
    {
        foreach (var f in ChartTestData.Figures)
        {
            var csv = CsvExport.ToCsv(f.Data);
            Assert.StartsWith(string.Join(",", f.Data.Columns) + "\r\n", csv);
            Assert.Equal(f.Data.Rows.Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }
        var relations = CsvExport.ToCsv(ChartTestData.Figure("relations-indices").Data);
        Assert.Contains(",-14,5,-19,", relations); // the EU: index, positive, negative
        Assert.DoesNotContain("'-", relations);
    }

    [Fact]
    public void A_table_row_of_the_wrong_width_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new FigureTable(["a", "b"], [[1]]));
}
