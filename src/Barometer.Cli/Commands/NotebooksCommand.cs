using System.CommandLine;
using System.Globalization;
using Barometer.Cli.Notebooks;
using Barometer.Kernel.Execution;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer notebooks run [PATH...] [--out DIR] [-p NAME VALUE]... [--allow-errors] [--in-place] [--timeout SECONDS]
/// [--jobs N] [--strict-parameters] [--trace] [--output-limit CHARS] [--full-outputs]</c>: executes C# notebooks (<c>.ipynb</c>, <c>.dib</c>) papermill-style, each in a
/// kernel process of its own (this executable's <c>kernel start</c>, driven over the Jupyter protocol), and writes
/// executed copies.
/// </summary>
internal static class NotebooksCommand
{
    /// <summary>The <c>notebooks</c> command with its <c>run</c> subcommand.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Notebooks (.ipynb, .dib) or folders to search for them (default: every notebook under notebooks/ of the repository).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder for the executed copies, keeping the layout below each PATH folder (default: out/notebooks/ in the repository root).",
            HelpName = "DIR",
        };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "Set a parameter (papermill-style): NAME VALUE, injected after the cell tagged 'parameters' with the declared type. Repeatable.",
            HelpName = "NAME VALUE",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        parameters.Validators.Add(result =>
        {
            if (result.Tokens.Count != 2 * result.IdentifierTokenCount)
            {
                result.AddError("Each -p/--parameter takes two values: NAME VALUE (e.g. -p Flip 0.25).");
            }
        });
        var allowErrors = new Option<bool>("--allow-errors")
        {
            Description = "Keep executing a notebook after a failing cell (the notebook still counts as failed).",
        };
        var inPlace = new Option<bool>("--in-place")
        {
            Description = "Write the executed notebooks over the sources instead of into --out.",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Per-cell timeout in seconds (default 600), counted from when the cell starts running: never the kernel's start-up, a package restore or the compile.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => ScriptSessionOptions.DefaultCellTimeout.TotalSeconds,
        };
        timeout.Validators.Add(result =>
        {
            // The tokens, not the value: GetValueOrDefault throws for a token that is not a number at all.
            if (result.Tokens.Any(t => !double.TryParse(t.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
                                       !(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds / 2))
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });

        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = $"How many notebooks run at once, each in its own kernel process (default: the number of cores, here {Environment.ProcessorCount}).",
            HelpName = "N",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => !int.TryParse(t.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1))
            {
                result.AddError("--jobs must be a whole number of 1 or more.");
            }
        });
        var strictParameters = new Option<bool>("--strict-parameters")
        {
            Description = "Make a -p NAME that the notebook's parameters cell does not declare an error (default: a warning, as papermill does).",
        };

        var trace = new Option<bool>("--trace")
        {
            Description = "Print where each cell's time went in the kernel (preprocess, parse, compile, run with its JIT time, format, …) and each notebook's totals.",
        };

        var (outputLimit, fullOutputs) = (OutputLimitOptions.Limit(), OutputLimitOptions.BesideNotebook());
        var run = new Command("run", "Execute notebooks, each in its own C# kernel process, and write executed copies (sources stay untouched unless --in-place).")
        {
            paths,
            output,
            parameters,
            allowErrors,
            inPlace,
            timeout,
            jobs,
            strictParameters,
            trace,
            outputLimit,
            fullOutputs,
        };
        run.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var settings = new NotebookRunSettings(
                parse.GetValue(paths) ?? [],
                parse.GetValue(output),
                Pairs(parse.GetValue(parameters) ?? []),
                parse.GetValue(allowErrors),
                parse.GetValue(inPlace),
                TimeSpan.FromSeconds(parse.GetValue(timeout)))
            {
                KernelArgv = KernelCommand.LaunchArgv(),
                Jobs = parse.GetValue(jobs),
                StrictParameters = parse.GetValue(strictParameters),
                Trace = parse.GetValue(trace),
                OutputLimit = parse.GetValue(outputLimit),
                FullOutputs = parse.GetValue(fullOutputs),
            };
            return await NotebookRun.ExecuteAsync(settings, cancellationToken);
        });

        return new Command("notebooks", "Run the repository's C# notebooks (.ipynb, .dib) with the built-in kernel, or export one as a file-based app.") { run, NotebooksExportCommand.Create() };
    }

    /// <summary>Turns the flat -p token list (NAME VALUE NAME VALUE ...) into pairs.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Pairs(IReadOnlyList<string> tokens)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        for (var i = 0; i + 1 < tokens.Count; i += 2)
        {
            pairs.Add(new(tokens[i], tokens[i + 1]));
        }

        return pairs;
    }
}
