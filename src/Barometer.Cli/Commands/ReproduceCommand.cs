using System.CommandLine;
using Barometer.Analysis;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Tables;
using Barometer.Cli.Rendering;
using Spectre.Console;

namespace Barometer.Cli.Commands;

/// <summary><c>barometer reproduce --issue N</c>: computes an issue's indices from its catalogues and reconciles them with the report.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var issue = new Option<int>("--issue") { Description = "The Minsk Barometer issue number, e.g. 18.", Required = true };
        var data = CommonOptions.Data();
        var format = CommonOptions.Format();
        var command = new Command("reproduce", "Compute an issue's indices from its event catalogues and compare them with the published figures.")
        {
            issue, data, format,
        };
        command.SetAction(parse =>
        {
            var dataDir = CommonOptions.ResolveData(parse.GetValue(data));
            if (dataDir is null) return ExitCodes.BadInput;
            var load = BarometerDataLoader.TryLoad(dataDir);
            if (!load.Ok)
            {
                foreach (var e in load.Errors) Console.Error.WriteLine(e);
                Console.Error.WriteLine($"error: the data have {load.Errors.Count} problem(s); run `barometer data validate` for the list.");
                return ExitCodes.BadInput;
            }
            IssueReproduction reproduction;
            try
            {
                reproduction = IssueReproduction.Reproduce(load.Dataset!, parse.GetValue(issue));
            }
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json: Console.Out.WriteLine(ReproductionJson.Render(reproduction)); break;
                case OutputFormat.Markdown: Console.Out.Write(ReproductionText.Markdown(reproduction)); break;
                default: ReproductionText.WriteTables(AnsiConsole.Console, reproduction); break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
