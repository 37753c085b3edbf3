using Barometer.Cli.Rendering;
using Spectre.Console;

namespace Barometer.Cli.Notebooks;

/// <summary>
/// The end of <c>barometer notebooks run</c>: a table of the notebooks that ran (cells executed, time, status), the count
/// of those that succeeded, failed or did not run, and on stderr what stopped each failed notebook.
/// </summary>
internal static class NotebookRunSummary
{
    public static void Print(IAnsiConsole console, bool plain, IReadOnlyList<NotebookOutcome> outcomes, int total)
    {
        var table = new Table { Border = plain ? TableBorder.Ascii : TableBorder.Rounded };
        table.AddColumn("Notebook");
        table.AddColumn(new TableColumn("Cells").RightAligned());
        table.AddColumn(new TableColumn("Time").RightAligned());
        table.AddColumn("Status");
        foreach (var outcome in outcomes)
        {
            var result = outcome.Result;
            var cells = result is null ? "-" : $"{result.CellsExecuted}/{result.CodeCellCount}";
            var status = result switch
            {
                null => "[red]ERROR[/]",
                { Succeeded: true } => "[green]OK[/]",
                { FirstError: { } e } => $"[red]FAILED[/] (cell {e.CellNumber})",
                _ => "[red]FAILED[/]",
            };
            table.AddRow(
                Markup.Escape(outcome.Job.DisplayName),
                cells,
                NotebookProgressLog.FormatSeconds(result?.Duration ?? outcome.Elapsed),
                status);
        }

        CliConsole.Write(console, table);
        var failed = outcomes.Count(o => o.Result?.Succeeded != true);
        var notRun = total - outcomes.Count;
        var line = $"{outcomes.Count - failed} of {total} notebook(s) succeeded" +
                   (failed > 0 ? $", {failed} failed" : string.Empty) +
                   (notRun > 0 ? $", {notRun} not run" : string.Empty) + ".";
        console.MarkupLine(failed > 0 || notRun > 0 ? $"[red]{Markup.Escape(line)}[/]" : $"[green]{Markup.Escape(line)}[/]");
        foreach (var stopped in outcomes.Where(o => o.Message is not null))
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"{stopped.Job.DisplayName}: {stopped.Message}");
        }
    }
}
