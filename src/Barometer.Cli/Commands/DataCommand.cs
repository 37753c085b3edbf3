using System.CommandLine;
using Barometer.Analysis;
using Barometer.Cli.Rendering;

namespace Barometer.Cli.Commands;

/// <summary><c>barometer data ...</c>: inspect and validate the curated tables of <c>data/</c>.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var validate = new Command("validate",
            "Check every table of the data folder against datapackage.json and the Barometer's own rules; print each problem as file:line:column: message.")
        {
            data,
        };
        validate.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return new Command("data", "Inspect and validate the curated data tables.")
        {
            validate, DataListCommand.Create(), DataShowCommand.Create(), DataChecksCommand.Create(),
        };

        int Execute(ParseResult parse, CancellationToken cancellationToken)
        {
            var dataDir = CommonOptions.ResolveData(parse.GetValue(data));
            if (dataDir is null)
            {
                return ExitCodes.BadInput;
            }

            var errors = WorkProgress.Run(CommonOptions.ReadingLabel(dataDir), () => DataValidation.Validate(dataDir), cancellationToken);
            foreach (var e in errors)
            {
                Console.Out.WriteLine(e);
            }
            // The result goes to standard output, problems or success alike; the count of problems is a note on stderr.
            if (errors.Count == 0)
            {
                Console.Out.WriteLine($"data OK: every table in {dataDir} is valid");
            }
            else
            {
                Console.Error.WriteLine($"{errors.Count} problem(s) found in {dataDir}");
            }

            return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        }
    }
}
