using Barometer.Analysis.Datasets;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Datasets;

public class PivotTableTests
{
    private sealed record Flow(int Year, string? Partner, decimal Value);

    [Fact]
    public void Cells_sum_their_items_and_empty_cells_are_null()
    {
        var pivot = new[]
        {
            new Flow(2016, "China", 1.5m), new Flow(2016, "China", 2m), new Flow(2015, "EU", 4m),
            new Flow(2010, "China", 7m), new Flow(2016, null, 1m),
        }.Pivot(f => f.Year, f => f.Partner, f => f.Value, "year", "partner");

        Assert.Equal(["2010", "2015", "2016"], pivot.RowKeys); // numeric order
        Assert.Equal(["China", "EU", PivotTable.EmptyKey], pivot.ColumnKeys); // empty key last
        Assert.Equal(3.5m, pivot[2016, "China"]);
        Assert.Null(pivot[2015, "China"]);
        Assert.Equal(1m, pivot[2016, null]);
        Assert.Throws<KeyNotFoundException>(() => pivot[2017, "China"]);

        var count = new[] { new Flow(2016, "China", 1m), new Flow(2016, "China", 5m) }
            .Pivot(f => f.Year, f => f.Partner, f => f.Value, aggregate: v => v.Max());
        Assert.Equal(5m, count[2016, "China"]);
    }

    [Fact]
    public void Years_sort_numerically_not_as_text()
    {
        var pivot = new[] { new Flow(900, "A", 1m), new Flow(2016, "A", 1m), new Flow(10000, "A", 1m) }
            .Pivot(f => f.Year, f => f.Partner, f => f.Value);
        Assert.Equal(["900", "2016", "10000"], pivot.RowKeys);
    }

    [Fact]
    public void Belarus_China_trade_by_year_from_the_shipped_data()
    {
        var data = MeasurementTables.Load(RepoData.Directory);
        var pivot = data.Table("trade")
            .Where(m => m.Reporter == "Belarus" && m.Partner == "China" && m.Unit == "currency" && m.Period.IsCalendarYear)
            .Pivot(m => m.Period.Year, m => m.Indicator, m => m.ValueIn("million"), "year", "indicator");

        Assert.Equal(["1992", "2010", "2013", "2015", "2016", "2020"], pivot.RowKeys);
        Assert.Equal(["export_target", "exports", "imports", "trade_balance", "trade_turnover"], pivot.ColumnKeys);
        Assert.Equal(34m, pivot[1992, "trade_turnover"]);
        Assert.Equal(3200m, pivot[2015, "trade_turnover"]);   // "more than 3.2 billion"
        Assert.Equal(2400m, pivot[2015, "imports"]);
        Assert.Equal(468.3m, pivot[2016, "exports"]);         // the Jan-Jul 2016 figure (107 m) is not a calendar year
        Assert.Equal(2114m, pivot[2016, "imports"]);
        Assert.Equal(-2000m, pivot[2013, "trade_balance"]);
        Assert.Null(pivot[2016, "trade_turnover"]);

        var text = pivot.ToString().Split(Environment.NewLine);
        Assert.Equal("year \\ indicator  export_target  exports  imports  trade_balance  trade_turnover", text[0]);
        Assert.Equal("2016" + new string(' ', 31) + "468.3     2114", text[5]);
    }

    [Fact]
    public void Pivots_and_tables_show_as_html_grids_in_notebooks()
    {
        var pivot = new[] { new Flow(2016, "China<>", 1m) }.Pivot(f => f.Year, f => f.Partner, f => f.Value, "year", "partner");
        var html = pivot.ToHtml();
        Assert.Contains("<th>China&lt;&gt;</th>", html);
        Assert.Contains("<tr><th>2016</th><td style=\"text-align:right\">1</td></tr>", html);

        // the kernel finds the formatter by the attribute's name, as .NET Interactive does
        var attribute = typeof(PivotTable).GetCustomAttributes(false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var formatters = ((DatasetFormatterSource)Activator.CreateInstance(sourceType)!).CreateTypeFormatters().ToArray();
        var writer = new StringWriter();
        Assert.Contains(formatters, f => ((dynamic)f).Format(pivot, writer));
        Assert.Equal(html, writer.ToString());

        var rows = TableRows.Load(RepoData.Directory, "sanctions");
        Assert.Contains("<th>quote_context</th>", rows.ToHtml());
        Assert.Contains("(5 more rows not shown)", rows.ToHtml(maxRows: 2));
    }
}
