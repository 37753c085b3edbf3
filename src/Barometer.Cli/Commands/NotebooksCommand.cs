using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Barometer.Analysis.Loading;
using Barometer.Cli.Rendering;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Parameters;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Running;

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
            var settings = new RunSettings(
                parse.GetValue(paths) ?? [],
                parse.GetValue(output),
                Pairs(parse.GetValue(parameters) ?? []),
                parse.GetValue(allowErrors),
                parse.GetValue(inPlace),
                TimeSpan.FromSeconds(parse.GetValue(timeout)))
            {
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

    internal sealed record RunSettings(
        IReadOnlyList<string> Paths,
        string? OutputDirectory,
        IReadOnlyList<KeyValuePair<string, string>> Parameters,
        bool AllowErrors,
        bool InPlace,
        TimeSpan CellTimeout)
    {
        /// <summary>How many notebooks run at once.</summary>
        public int Jobs { get; init; } = 1;

        /// <summary>Undeclared parameters are errors.</summary>
        public bool StrictParameters { get; init; }

        /// <summary>Print each cell's phases and each notebook's totals.</summary>
        public bool Trace { get; init; }

        /// <summary>The characters a cell's output may hold (0: no limit).</summary>
        public int OutputLimit { get; init; } = ScriptSessionOptions.DefaultOutputLimit;

        /// <summary>Full values of cut outputs go beside each executed notebook.</summary>
        public bool FullOutputs { get; init; }
    }

    /// <summary>One notebook to run: where it is and where its executed copy goes.</summary>
    internal sealed record NotebookJob(string Input, string DisplayName, string Output);

    /// <summary>Finds the notebooks, runs them one after another, prints progress and a summary.</summary>
    internal static class NotebookRun
    {
        public static async Task<int> ExecuteAsync(RunSettings settings, CancellationToken cancellationToken)
        {
            // Plain text when piped or NO_COLOR; progress then goes to stderr so stdout carries the summary alone.
            var plain = CliConsole.IsPlain;
            var console = CliConsole.Create();
            var log = new NotebookProgressLog(CliConsole.IsRedirected ? Console.Error : Console.Out, plain);

            var jobs = FindJobs(settings, out var problem, out var problemExitCode);
            if (jobs is null)
            {
                Console.Error.WriteLine($"error: {problem}");
                return problemExitCode;
            }

            if (jobs.Count == 0)
            {
                Console.Error.WriteLine($"error: {problem ?? "no notebooks (.ipynb, .dib) found"}");
                return ExitCodes.Usage;
            }

            // Check every output folder can be written before any cell runs (not after the first notebook's last cell).
            if (!settings.InPlace && OutputProblem(jobs) is { } unwritable)
            {
                Console.Error.WriteLine($"error: {unwritable}");
                return ExitCodes.BadInput;
            }

            // A headless run asks for no completions: its kernels leave the language services cold, so their warm-up
            // (Roslyn's features and a second set of reference symbols) does not take a core from the cells.
            var kernel = new KernelStartInfo(KernelCommand.LaunchArgv()) { Environment = new Dictionary<string, string> { ["BAROMETER_KERNEL_LANGUAGE_WARMUP"] = "0" } };
            var parallel = Math.Clamp(settings.Jobs, 1, jobs.Count);
            var outcomes = new Outcome?[jobs.Count];
            using var slots = new SemaphoreSlim(parallel, parallel);
            var tasks = jobs.Select(async (job, index) =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    log.Line(null, $"[{index + 1}/{jobs.Count}] {job.DisplayName}", "bold");
                    using var lines = log.For(parallel > 1 ? job : null, settings.Trace);
                    outcomes[index] = await RunOneAsync(job, settings, kernel, lines, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }).ToList();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Reported below; the notebooks that finished are written, the running ones wrote their partial copies.
            }

            var finished = outcomes.Where(o => o is not null).Select(o => o!).ToList();
            NotebookRunSummary.Print(console, plain, finished, jobs.Count);

            if (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("cancelled");
                return ExitCodes.Cancelled;
            }

            return finished.Count == jobs.Count && finished.All(o => o.Result?.Succeeded == true) ? ExitCodes.Ok : ExitCodes.BadInput;
        }

        /// <summary>The first output folder that cannot be created or written, with the reason; null when all can.</summary>
        internal static string? OutputProblem(IEnumerable<NotebookJob> jobs)
        {
            foreach (var directory in jobs.Select(j => Path.GetDirectoryName(j.Output)!).Distinct(StringComparer.Ordinal))
            {
                if (OutputFolder.Problem(directory) is { } problem)
                {
                    return $"cannot write the executed notebooks to '{directory}': {problem}";
                }
            }

            return null;
        }

        private static async Task<Outcome> RunOneAsync(NotebookJob job, RunSettings settings, KernelStartInfo kernel, NotebookProgressLog.NotebookLines progress, CancellationToken cancellationToken)
        {
            var options = new NotebookRunOptions
            {
                OutputPath = settings.InPlace ? null : job.Output,
                InPlace = settings.InPlace,
                AllowErrors = settings.AllowErrors,
                Parameters = settings.Parameters,
                StrictParameters = settings.StrictParameters,
                CellTimeout = settings.CellTimeout,
                Kernel = KernelFor(kernel, settings, settings.InPlace ? job.Input : job.Output),
                KernelLog = line => progress.Log(line),
            };
            var started = DateTime.UtcNow;
            try
            {
                var result = await NotebookRunner.RunAsync(job.Input, options, progress, cancellationToken);
                progress.Traced(result);
                foreach (var warning in result.Warnings)
                {
                    progress.Report(new CellProgress(job.Input, 0, 0, CellProgressStage.Warning, null, null, string.Empty, warning));
                }

                return new Outcome(job, result, result.FirstError?.Message, DateTime.UtcNow - started);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new Outcome(job, null, "cancelled; the partially executed notebook was written.", DateTime.UtcNow - started);
            }
            catch (Exception e) when (e is ParameterException or NotebookFormatException)
            {
                return new Outcome(job, null, e.Message, DateTime.UtcNow - started);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The message names the path that failed: the notebook read, or its executed copy written.
                var message = e.Message.Contains(job.Input, StringComparison.Ordinal)
                    ? $"cannot read the notebook: {Barometer.IO.FileProblem.DescribeRead(job.Input, e)}"
                    : $"cannot write the executed notebook '{options.OutputPath ?? job.Input}': {Barometer.IO.FileProblem.DescribeWrite(options.OutputPath ?? job.Input, e)}";
                return new Outcome(job, null, message, DateTime.UtcNow - started);
            }
        }

        /// <summary>The kernel of one notebook: the output limit, and where its full outputs go, on its command line.</summary>
        private static KernelStartInfo KernelFor(KernelStartInfo kernel, RunSettings settings, string executedNotebook)
        {
            List<string> argv = [.. kernel.Argv, "--output-limit", settings.OutputLimit.ToString(CultureInfo.InvariantCulture)];
            if (settings.FullOutputs)
            {
                argv.AddRange(["--full-outputs", OutputLimitOptions.FolderBeside(executedNotebook)]);
            }

            return kernel with { Argv = argv };
        }

        /// <summary>
        /// PATH arguments → jobs. Files are taken as given; folders are searched recursively for .ipynb/.dib
        /// (skipping hidden folders such as .ipynb_checkpoints, and bin/obj). Outputs keep the layout below the
        /// folder (or just the file name for a file argument); .dib inputs are written as .ipynb so outputs fit.
        /// Null when the paths cannot be used: <paramref name="problem"/> says why and <paramref name="exitCode"/> is
        /// <see cref="ExitCodes.BadInput"/> for a missing or non-notebook PATH (or a folder without notebooks), <see cref="ExitCodes.Usage"/> when no
        /// PATH was given and there is no notebooks/ folder to default to.
        /// </summary>
        internal static List<NotebookJob>? FindJobs(RunSettings settings, out string? problem, out int exitCode)
        {
            problem = null;
            exitCode = ExitCodes.Usage;
            var root = DataDirectory.FindRepositoryRoot(Directory.GetCurrentDirectory());
            var inputs = new List<(string File, string BaseDirectory)>();
            if (settings.Paths.Count == 0)
            {
                if (root is null)
                {
                    problem = $"no PATH given and no repository root ({DataDirectory.RootMarker}) above '{Directory.GetCurrentDirectory()}' to find notebooks/ in.";
                    return null;
                }

                var notebooks = Path.Combine(root, "notebooks");
                if (!Directory.Exists(notebooks))
                {
                    problem = $"'{notebooks}' does not exist; give notebook paths.";
                    return null;
                }

                inputs.AddRange(Search(notebooks).Select(f => (f, notebooks)));
                problem = $"no notebooks (.ipynb, .dib) under '{notebooks}'";
            }

            foreach (var path in settings.Paths)
            {
                var full = Path.GetFullPath(path);
                if (Directory.Exists(full))
                {
                    var found = Search(full).ToList();
                    if (found.Count == 0)
                    {
                        problem = $"'{path}' is a folder with no notebooks (.ipynb, .dib) in it.";
                        exitCode = ExitCodes.BadInput;
                        return null;
                    }

                    inputs.AddRange(found.Select(f => (f, full)));
                }
                else if (File.Exists(full) && NotebookFile.IsNotebookPath(full))
                {
                    inputs.Add((full, Path.GetDirectoryName(full)!));
                }
                else
                {
                    problem = File.Exists(full)
                        ? $"'{path}' is not a notebook (expected .ipynb or .dib)."
                        : $"'{path}' does not exist.";
                    exitCode = ExitCodes.BadInput;
                    return null;
                }
            }

            var outputDirectory = Path.GetFullPath(settings.OutputDirectory ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), "out", "notebooks"));
            if (!settings.InPlace && File.Exists(outputDirectory))
            {
                problem = $"--out '{settings.OutputDirectory}' is a file, not a folder (the executed copies go into a folder).";
                exitCode = ExitCodes.BadInput;
                return null;
            }

            var jobs = new List<NotebookJob>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (file, baseDirectory) in inputs.DistinctBy(i => i.File))
            {
                if (!settings.InPlace && IsUnder(file, outputDirectory))
                {
                    continue; // executed copies from an earlier run are not inputs
                }

                var relative = Path.GetRelativePath(baseDirectory, file);
                var target = Path.Combine(outputDirectory, Path.ChangeExtension(relative, ".ipynb"));
                if (!seen.Add(target))
                {
                    target = Path.Combine(outputDirectory, relative + ".ipynb"); // x.dib next to x.ipynb
                    seen.Add(target);
                }

                var display = root is not null && IsUnder(file, root) ? Path.GetRelativePath(root, file) : Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
                jobs.Add(new NotebookJob(file, display, target));
            }

            return jobs;
        }

        private static IEnumerable<string> Search(string directory)
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
            return Directory.EnumerateFiles(directory, "*", options)
                .Where(NotebookFile.IsNotebookPath)
                .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') || part is "bin" or "obj"))
                .Order(StringComparer.Ordinal);
        }

        private static bool IsUnder(string path, string directory)
        {
            var relative = Path.GetRelativePath(directory, path);
            return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        }

        /// <summary>How one notebook's run ended: its result, or the message of what stopped it (then no result).</summary>
        internal sealed record Outcome(NotebookJob Job, NotebookRunResult? Result, string? Message, TimeSpan Elapsed);
    }
}
