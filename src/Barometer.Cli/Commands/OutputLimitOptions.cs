using System.CommandLine;
using System.Globalization;
using Barometer.Kernel.Execution;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>--output-limit N</c> and <c>--full-outputs</c>, of <c>kernel start</c> and <c>notebooks run</c>: how many
/// characters a cell's output may hold (streams, displays and the result together) and where the full value of a cut
/// output is kept (<see cref="ScriptSessionOptions.OutputLimit"/>, <see cref="ScriptSessionOptions.FullOutputDirectory"/>).
/// </summary>
internal static class OutputLimitOptions
{
    /// <summary><c>--output-limit N</c>: characters; 0 for no limit.</summary>
    public static Option<int> Limit()
    {
        var limit = new Option<int>("--output-limit")
        {
            Description = "How many characters a cell's output may hold: console text, displays and its result together " +
                          $"(default {ScriptSessionOptions.DefaultOutputLimit.ToString("N0", CultureInfo.InvariantCulture)}; 0: no limit). " +
                          "Beyond it the output is cut with a notice.",
            HelpName = "CHARS",
            DefaultValueFactory = _ => ScriptSessionOptions.DefaultOutputLimit,
        };
        limit.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => !int.TryParse(t.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0))
            {
                result.AddError($"--output-limit must be a whole number of characters from 0 (no limit) to {int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}.");
            }
        });
        return limit;
    }

    /// <summary>The kernel's <c>--full-outputs DIR</c>: the folder for the full values of cut outputs.</summary>
    public static Option<string?> Directory() => new("--full-outputs")
    {
        Description = "Keep the full value of every cut output in this folder (cell-N-output-K.html/.txt/…, cell-N-stdout.txt), named in the notice.",
        HelpName = "DIR",
    };

    /// <summary><c>notebooks run --full-outputs</c>: keep full values beside each executed notebook.</summary>
    public static Option<bool> BesideNotebook() => new("--full-outputs")
    {
        Description = "Keep the full value of every cut output in a folder beside the executed notebook (NAME.full-outputs/), named in the notice.",
    };
}
