using System.CommandLine;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Tables;
using Barometer.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer data show TABLE [--where COLUMN=VALUE]... [--format table|csv|json|markdown]</c>: prints one table of the
/// package, optionally filtered by exact matches (all must hold).
/// </summary>
internal static class DataShowCommand
{
    public static Command Create()
    {
        var table = new Argument<string>("TABLE")
        {
            Description = "The table: its resource name (external_trade) or its file name without .csv (trade); `barometer data list` shows them.",
        };
        var where = new Option<string[]>("--where")
        {
            Description = "Keep the rows whose COLUMN is exactly VALUE (COLUMN=VALUE; an empty VALUE matches empty cells). Repeat to combine: every condition must hold.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = CommonOptions.Format(
            "Output format: table (for people), csv (cells starting with = + - @ are prefixed with ' unless they are numbers), json (an array of objects, values typed per the schema) or markdown.",
            OutputFormat.Table, OutputFormat.Csv, OutputFormat.Json, OutputFormat.Markdown);
        var data = CommonOptions.Data();
        var command = new Command("show", "Print one table of the data package, optionally filtered.")
        {
            table, where, format, data,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellationToken)
        {
            var conditions = new List<(string Column, string Value)>();
            foreach (var condition in parse.GetValue(where) ?? [])
            {
                var equals = condition.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    Console.Error.WriteLine($"error: --where expects COLUMN=VALUE, got '{condition}'");
                    return ExitCodes.Usage;
                }
                conditions.Add((condition[..equals].Trim(), condition[(equals + 1)..]));
            }
            var dataDir = CommonOptions.ResolveData(parse.GetValue(data));
            if (dataDir is null)
            {
                return ExitCodes.BadInput;
            }

            TableRows rows;
            try
            {
                rows = WorkProgress.Run(CommonOptions.ReadingLabel(dataDir), () => TableRows.Load(dataDir, parse.GetValue(table)!), cancellationToken);
                foreach (var (column, value) in conditions)
                {
                    rows = rows.Where(column, value);
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message.Split(" (Parameter")[0]}");
                return ExitCodes.BadInput;
            }
            catch (DataValidationException e)
            {
                foreach (var error in e.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                Console.Error.WriteLine($"error: the table has {e.Errors.Count} problem(s); run `barometer data validate` for every table");
                return ExitCodes.BadInput;
            }

            switch (parse.GetValue(format))
            {
                case OutputFormat.Csv: Console.Out.Write(rows.ToCsv()); break;
                case OutputFormat.Json: Console.Out.WriteLine(rows.ToJson()); break;
                case OutputFormat.Markdown:
                    Console.Out.Write(DisplayText.MarkdownTable(rows.Columns, rows.Select(r => rows.Columns.Select(c => r[c]).ToArray()),
                        i => IsNumeric(rows, rows.Columns[i])));
                    break;
                default: WriteTable(CliConsole.Create(), rows); break;
            }
            return ExitCodes.Ok;
        }
    }

    /// <summary>
    /// One grid when the columns fit the console; otherwise one small column/value table per row, titled by its first
    /// cell (a 16-column table squeezed into 80 characters is unreadable).
    /// </summary>
    private static void WriteTable(IAnsiConsole console, TableRows rows)
    {
        var natural = rows.Columns.Sum(c => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))) + 3 * rows.Columns.Count + 1;
        if (natural <= console.Profile.Width || rows.Count == 0)
        {
            var grid = new Table();
            foreach (var column in rows.Columns)
            {
                grid.AddColumn(new TableColumn(new Text(column)) { Alignment = IsNumeric(rows, column) ? Justify.Right : Justify.Left });
            }

            foreach (var row in rows)
            {
                grid.AddRow(rows.Columns.Select(c => (IRenderable)new Text(row[c])).ToArray());
            }

            console.Write(grid);
        }
        else
        {
            foreach (var row in rows)
            {
                var card = new Table().Title(new TableTitle(row[rows.Columns[0]])).AddColumn("column").AddColumn("value").HideHeaders();
                foreach (var column in rows.Columns.Skip(1))
                {
                    card.AddRow(new Text(column), new Text(row[column]));
                }

                console.Write(card);
            }
        }
        Console.Error.WriteLine($"{rows.Name}: {rows.Count} row(s)");
    }

    private static bool IsNumeric(TableRows rows, string column) => rows.Field(column).Type is "integer" or "number";
}
