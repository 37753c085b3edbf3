namespace Barometer.Cli.Tests;

public class DataBrowseCommandTests
{
    [Fact]
    public void List_names_every_table_of_the_package()
    {
        var r = CliRunner.Run(null, "data", "list");
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var table in new[] { "barometer_relationship_events", "external_trade", "external_arms_transfers", "external_finance", "external_energy" })
        {
            Assert.Contains(table, r.Stdout);
        }
    }

    [Fact]
    public void Show_filters_and_writes_csv_that_keeps_negative_numbers()
    {
        var r = CliRunner.Run(null, "data", "show", "relationship_events", "--where", "partner=US", "--where", "score=-3", "--format", "csv");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("18-US-20,18,US,23 December,", lines[1]);
        Assert.Contains(",-3,", lines[1]);
    }

    [Fact]
    public void Show_an_unknown_table_or_column_fails_clearly()
    {
        var table = CliRunner.Run(null, "data", "show", "nosuch");
        Assert.Equal(1, table.ExitCode);
        Assert.Contains("nosuch", table.Stderr);
        var column = CliRunner.Run(null, "data", "show", "trade", "--where", "colour=red");
        Assert.Equal(1, column.ExitCode);
        Assert.Contains("colour", column.Stderr);
    }
}
