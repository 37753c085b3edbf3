using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Barometer.Analysis.Datasets;
using Barometer.Cli.Rendering;
using Spectre.Console;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer data checks</c>: recomputes the derived facts of <c>external/derived_checks.csv</c> and compares them
/// with what the sources state. Exit 0 even when a check disagrees (that is a finding about a source); exit 1 when a
/// check cannot be computed (unknown id, units that do not combine, a table breaking its schema).
/// </summary>
internal static class DataChecksCommand
{
    public static Command Create()
    {
        var format = CommonOptions.Format("Output format: table (for people) or json (for scripts).", OutputFormat.Table, OutputFormat.Json);
        var data = CommonOptions.Data();
        var command = new Command("checks",
            "Recompute every derived fact (sums, balances, growth rates, shares, ratios) from the figures it follows from, and compare it with the stated value.")
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

            var (results, errors) = WorkProgress.Run(CommonOptions.ReadingLabel(dataDir), () => DerivedChecks.TryRun(dataDir), cancellationToken);
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    Console.Error.WriteLine(e);
                }

                Console.Error.WriteLine($"error: {errors.Count} problem(s) keep the derived checks from running");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(results, CliJson.Options));
            }
            else
            {
                WriteTable(CliConsole.Create(), results);
            }

            var disagreeing = results.Count(r => r.Status == CheckStatus.Disagrees);
            Console.Error.WriteLine($"{results.Count} derived check(s): {results.Count - disagreeing} agree, {disagreeing} disagree");
            return ExitCodes.Ok;
        }
    }

    private static void WriteTable(IAnsiConsole console, IReadOnlyList<DerivedCheckResult> results)
    {
        var grid = new Table()
            .AddColumn("check")
            .AddColumn(new TableColumn("stated").RightAligned())
            .AddColumn(new TableColumn("computed").RightAligned())
            .AddColumn(new TableColumn("difference").RightAligned())
            .AddColumn(new TableColumn("tolerance").RightAligned())
            .AddColumn("status");
        foreach (var r in results)
        {
            var qualifier = r.StatedQualifier is null ? "" : r.StatedQualifier.Replace('_', ' ') + " ";
            var relative = r.RelativeDifference is { } rel ? $"\n{(rel * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} %" : "";
            grid.AddRow(
                new Text($"{r.CheckId}\n{r.Kind}"),
                new Text($"{qualifier}{N(r.Stated)}\n{r.Unit}"),
                new Text(N(r.Computed)),
                new Text(N(r.Difference) + relative),
                new Text(N(r.Tolerance)),
                new Text(r.Status == CheckStatus.Agrees ? "agrees" : "DISAGREES", new Style(r.Status == CheckStatus.Agrees ? Color.Green : Color.Red)));
        }
        console.Write(grid);
        foreach (var r in results)
        {
            console.WriteLine($"{r.CheckId}: {r.Description}." + (r is { ComputedLow: { } low, ComputedHigh: { } high }
                ? $" With each operand anywhere within its rounding the computation gives {N(low)}..{N(high)}."
                : ""));
        }

        console.WriteLine("Tolerance: 0.5 % of the stated value or half a unit of its last digit, whichever is larger; 10 % when the "
            + "statement says about/almost or an operand is qualified; a bound (more than, at least, less than, up to) is checked on its side only.");
    }

    /// <summary>Four decimals at most, no trailing zeros, invariant culture.</summary>
    private static string N(decimal value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
