using System.Text.Json;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Datasets;

public class TableRowsTests
{
    [Fact]
    public void Every_table_of_the_package_is_listed_with_its_rows()
    {
        var list = TableRows.List(RepoData.Directory);
        Assert.Equal(16, list.Count);
        Assert.Equal(("sources", "sources.csv", 26), (list[0].Name, list[0].Path, list[0].Rows!.Value));
        Assert.Equal(("external_trade", "external/trade.csv", 63), (list[9].Name, list[9].Path, list[9].Rows!.Value));
        Assert.Contains(list, t => t is { Name: "barometer_relationship_events", Rows: 121 });
        Assert.Contains(list, t => t is { Name: "external_derived_checks", Rows: 5 });
        Assert.All(list, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), t.Name));
    }

    [Fact]
    public void A_table_is_named_by_resource_name_or_file_stem()
    {
        var byStem = TableRows.Load(RepoData.Directory, "trade");
        var byName = TableRows.Load(RepoData.Directory, "external_trade");
        Assert.Equal(("external_trade", 63), (byStem.Name, byStem.Count));
        Assert.Equal(byName.Count, byStem.Count);
        Assert.Equal("barometer_relationship_events", TableRows.Load(RepoData.Directory, "relationship_events").Name);
        Assert.Equal(17, byStem.Columns.Count);
    }

    [Fact]
    public void Unknown_tables_and_columns_are_clear_errors()
    {
        var e = Assert.Throws<ArgumentException>(() => TableRows.Load(RepoData.Directory, "tariffs"));
        Assert.StartsWith("unknown table 'tariffs' (tables: sources, barometer_issues, ", e.Message);
        var trade = TableRows.Load(RepoData.Directory, "trade");
        e = Assert.Throws<ArgumentException>(() => trade.Where("country", "China"));
        Assert.StartsWith("unknown column 'country' in external_trade (columns: id, reporter, ", e.Message);
        Assert.Throws<ArgumentException>(() => trade.Pivot("reporter", "partner", "item")); // not numeric
    }

    [Fact]
    public void A_table_with_a_bad_cell_does_not_load()
    {
        using var data = new DataCopy();
        data.SetCell("external/energy.csv", 3, 12, "barrels");
        var e = Assert.Throws<DataValidationException>(() => TableRows.Load(data.DataDir, "energy"));
        Assert.Equal(("data/external/energy.csv", 3, data.CharacterColumn("external/energy.csv", 3, 12)), (e.Errors[0].File, e.Errors[0].Line, e.Errors[0].Column));
    }

    [Fact]
    public void Filters_chain_and_cells_are_typed_per_the_schema()
    {
        var trade = TableRows.Load(RepoData.Directory, "trade");
        var china = trade.Where("partner", "China").Where("indicator", "trade_turnover");
        Assert.Equal(["TR-015", "TR-016", "TR-017"], china.Select(r => r["id"]));
        Assert.Equal(32, trade.Where("partner", "China").Count);
        Assert.Equal(2, trade.Where(r => r["qualifier"] == "more_than").Count);
        Assert.Equal(4, trade.Where("flow", "").Count); // empty matches empty cells

        var row = trade.Single(r => r["id"] == "TR-043");
        Assert.Equal(10.577m, trade.Typed(row, "value"));
        Assert.Equal(new DateOnly(2020, 11, 30), trade.Typed(row, "period_end"));
        Assert.Null(trade.Typed(row, "item"));
        Assert.Equal(10.577m, trade.Number(row, "value"));
        var events = TableRows.Load(RepoData.Directory, "relationship_events");
        Assert.Equal(18L, events.Typed(events[0], "issue"));
        Assert.IsType<long>(events.TypedRows()[0]["score"]);
    }

    [Fact]
    public void Pivot_of_any_table_sums_a_numeric_column()
    {
        var events = TableRows.Load(RepoData.Directory, "relationship_events");
        var pivot = events.Pivot("issue", "partner", "score");
        Assert.Equal(["18"], pivot.RowKeys);
        Assert.Equal(["CN", "EU", "RU", "UA", "US"], pivot.ColumnKeys);
        Assert.Equal(14m, pivot[18L, "RU"]);
        Assert.Equal(-16m, pivot["18", "US"]); // the U.S. sum the report prints as -14
        Assert.Equal(-4m, pivot[18, "UA"]);
    }

    [Fact]
    public void Csv_output_neutralises_formulas_but_not_numbers()
    {
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", CsvText.Field("=HYPERLINK(\"x\")"));
        Assert.Equal("'@SUM(A1)", CsvText.Field("@SUM(A1)"));
        Assert.Equal("'+cmd", CsvText.Field("+cmd"));
        Assert.Equal("'-x", CsvText.Field("-x"));
        Assert.Equal("-1.02", CsvText.Field("-1.02"));
        Assert.Equal("+7", CsvText.Field("+7"));
        Assert.Equal("-17.5", CsvText.Field("-17.5"));
        Assert.Equal("\"a, b\"", CsvText.Field("a, b"));
        Assert.Equal("\"say \"\"hi\"\"\"", CsvText.Field("say \"hi\""));

        using var data = new DataCopy();
        data.SetCell("external/trade.csv", 2, 5, "=1+2");
        var csv = TableRows.Load(data.DataDir, "trade").Where("id", "TR-001").ToCsv();
        var lines = csv.Split('\n');
        Assert.Equal(3, lines.Length); // header, row, final empty string after the last LF
        Assert.Equal("id,reporter,partner,indicator,item,flow,period_start,period_end,period_text,qualifier,value,unit,currency,scale,source,section,quote_context", lines[0]);
        Assert.Contains(",'=1+2,", lines[1]);
        Assert.Equal("-1.02", ScratchData.SplitCsvLine(TableRows.Load(data.DataDir, "trade").Where("id", "TR-049").ToCsv().Split('\n')[1])[10]);
    }

    [Fact]
    public void Json_output_is_an_array_of_typed_objects()
    {
        var json = TableRows.Load(RepoData.Directory, "trade").Where("id", "TR-049").ToJson();
        using var doc = JsonDocument.Parse(json);
        var row = Assert.Single(doc.RootElement.EnumerateArray().ToArray());
        Assert.Equal(-1.02m, row.GetProperty("value").GetDecimal());
        Assert.Equal("2020-11-30", row.GetProperty("period_end").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("qualifier").ValueKind);
        Assert.Equal(17, row.EnumerateObject().Count());
        Assert.Equal("id", row.EnumerateObject().First().Name);
    }
}
