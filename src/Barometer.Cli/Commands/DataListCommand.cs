using System.CommandLine;
using System.Globalization;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Tables;
using Spectre.Console;

namespace Barometer.Cli.Commands;

/// <summary><c>barometer data list</c>: every table the descriptor lists, with its file, row count and description.</summary>
internal static class DataListCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var command = new Command("list",
            "List every table of the data package (datapackage.json): its name, file, number of rows and description.")
        {
            data,
        };
        command.SetAction(parse =>
        {
            var dataDir = CommonOptions.ResolveData(parse.GetValue(data));
            if (dataDir is null) return ExitCodes.BadInput;
            IReadOnlyList<TableSummary> tables;
            try
            {
                tables = TableRows.List(dataDir);
            }
            catch (DataValidationException e)
            {
                foreach (var error in e.Errors) Console.Error.WriteLine(error);
                return ExitCodes.BadInput;
            }

            var grid = new Table()
                .AddColumn("table")
                .AddColumn(new TableColumn("rows").RightAligned())
                .AddColumn("description");
            foreach (var t in tables)
                grid.AddRow(
                    new Text($"{t.Name}\n{t.Path}"),
                    new Text(t.Rows?.ToString(CultureInfo.InvariantCulture) ?? "missing"),
                    new Text(t.Description ?? t.Title ?? ""));
            AnsiConsole.Console.Write(grid);
            Console.Error.WriteLine($"{tables.Count} tables in {dataDir}; `barometer data show TABLE` prints one (TABLE = name or file name without .csv)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
