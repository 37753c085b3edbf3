using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Tables;
using Barometer.Cli.Rendering;
using Spectre.Console;

namespace Barometer.Cli.Commands;

/// <summary><c>barometer data list [--format table|json|markdown|csv]</c>: every table the descriptor lists, with its file, row count and description.</summary>
internal static class DataListCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var format = CommonOptions.Format(
            "Output format: table (for people), json (an array of { name, path, rows, title, description }), markdown or csv.",
            OutputFormat.Table, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv);
        var command = new Command("list",
            "List every table of the data package (datapackage.json): its name, file, number of rows and description.")
        {
            format, data,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellationToken)
        {
            var dataDir = CommonOptions.ResolveData(parse.GetValue(data));
            if (dataDir is null)
            {
                return ExitCodes.BadInput;
            }

            IReadOnlyList<TableSummary> tables;
            try
            {
                tables = WorkProgress.Run(CommonOptions.ReadingLabel(dataDir), () => TableRows.List(dataDir), cancellationToken);
            }
            catch (DataValidationException e)
            {
                foreach (var error in e.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return ExitCodes.BadInput;
            }

            switch (parse.GetValue(format))
            {
                case OutputFormat.Json: Console.Out.WriteLine(JsonSerializer.Serialize(tables, CliJson.Options)); break;
                case OutputFormat.Markdown:
                    Console.Out.Write(DisplayText.MarkdownTable(["table", "file", "rows", "description"],
                        tables.Select(t => new[] { t.Name, t.Path, Rows(t), t.Description ?? t.Title ?? "" }), i => i == 2));
                    break;
                case OutputFormat.Csv:
                    var csv = new StringBuilder("name,path,rows,title,description\n");
                    foreach (var t in tables)
                    {
                        csv.Append(string.Join(",", new[] { t.Name, t.Path, t.Rows?.ToString(CultureInfo.InvariantCulture) ?? "", t.Title ?? "", t.Description ?? "" }
                            .Select(CsvText.Field))).Append('\n');
                    }

                    Console.Out.Write(csv.ToString());
                    break;
                default:
                    var grid = new Table()
                        .AddColumn("table")
                        .AddColumn(new TableColumn("rows").RightAligned())
                        .AddColumn("description");
                    foreach (var t in tables)
                    {
                        grid.AddRow(new Text($"{t.Name}\n{t.Path}"), new Text(Rows(t)), new Text(t.Description ?? t.Title ?? ""));
                    }

                    CliConsole.Create().Write(grid);
                    break;
            }
            Console.Error.WriteLine($"{tables.Count} tables in {dataDir}; `barometer data show TABLE` prints one (TABLE = name or file name without .csv)");
            return ExitCodes.Ok;
        }
    }

    private static string Rows(TableSummary t) => t.Rows?.ToString(CultureInfo.InvariantCulture) ?? "missing";
}
