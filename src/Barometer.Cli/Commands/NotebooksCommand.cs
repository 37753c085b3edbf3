using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Barometer.Analysis.Loading;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Parameters;
using Barometer.Kernel.Running;
using Spectre.Console;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer notebooks run [PATH...] [--out DIR] [-p NAME VALUE]... [--allow-errors] [--in-place] [--timeout SECONDS]</c>:
/// executes C# notebooks (<c>.ipynb</c>, <c>.dib</c>) with Barometer.Kernel, papermill-style, and writes executed copies.
/// </summary>
public static class NotebooksCommand
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
            Description = "Per-cell timeout in seconds (default 600).",
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

        var run = new Command("run", "Execute notebooks with the C# kernel and write executed copies (sources stay untouched unless --in-place).")
        {
            paths,
            output,
            parameters,
            allowErrors,
            inPlace,
            timeout,
        };
        run.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var settings = new RunSettings(
                parse.GetValue(paths) ?? [],
                parse.GetValue(output),
                Pairs(parse.GetValue(parameters) ?? []),
                parse.GetValue(allowErrors),
                parse.GetValue(inPlace),
                TimeSpan.FromSeconds(parse.GetValue(timeout)));
            return await NotebookRun.ExecuteAsync(settings, cancellationToken);
        });

        return new Command("notebooks", "Run the repository's C# notebooks (.ipynb, .dib) with the built-in kernel.") { run };
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
        TimeSpan CellTimeout);

    /// <summary>One notebook to run: where it is and where its executed copy goes.</summary>
    internal sealed record NotebookJob(string Input, string DisplayName, string Output);

    /// <summary>Finds the notebooks, runs them one after another, prints progress and a summary.</summary>
    internal static class NotebookRun
    {
        public static async Task<int> ExecuteAsync(RunSettings settings, CancellationToken cancellationToken)
        {
            // Roslyn's cold start (JIT-compiling the compiler) is the main cost: replay the JIT profile recorded by
            // earlier runs on the second core (measured: first cell ~2.5 s -> ~1.3 s on 2 cores).
            ScriptEnvironment.EnableStartupProfile(JitProfileDirectory());

            var plain = Console.IsOutputRedirected;
            var console = plain
                ? AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(Console.Out) })
                : AnsiConsole.Console;
            var log = plain ? Console.Error : Console.Out;

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

            var outcomes = new List<Outcome>();
            foreach (var (job, index) in jobs.Select((j, i) => (j, i)))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                WriteLine(log, plain, $"[{index + 1}/{jobs.Count}] {job.DisplayName}", "bold");
                outcomes.Add(await RunOneAsync(job, settings, log, plain, cancellationToken));
            }

            PrintSummary(console, plain, outcomes, jobs.Count);
            foreach (var failed in outcomes.Where(o => o.Message is not null))
            {
                Console.Error.WriteLine();
                Console.Error.WriteLine($"{failed.Job.DisplayName}: {failed.Message}");
            }

            if (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("cancelled");
                return ExitCodes.Cancelled;
            }

            return outcomes.All(o => o.Result?.Succeeded == true) ? ExitCodes.Ok : ExitCodes.BadInput;
        }

        private static string JitProfileDirectory()
        {
            var baseDirectory = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(baseDirectory) ? Path.GetTempPath() : baseDirectory, "barometer", "jit-profiles");
        }

        private static async Task<Outcome> RunOneAsync(NotebookJob job, RunSettings settings, TextWriter log, bool plain, CancellationToken cancellationToken)
        {
            var options = new NotebookRunOptions
            {
                OutputPath = settings.InPlace ? null : job.Output,
                InPlace = settings.InPlace,
                AllowErrors = settings.AllowErrors,
                Parameters = settings.Parameters,
                CellTimeout = settings.CellTimeout,
                PackageProgress = new PackageLines(log, plain),
            };
            var started = DateTime.UtcNow;
            try
            {
                var result = await NotebookRunner.RunAsync(job.Input, options, new CellLines(log, plain), cancellationToken);
                foreach (var warning in result.Warnings)
                {
                    WriteLine(log, plain, $"  warning: {warning}", "yellow");
                }

                return new Outcome(job, result, result.FirstError?.Message, DateTime.UtcNow - started);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new Outcome(job, null, "cancelled; the partially executed notebook was written.", DateTime.UtcNow - started);
            }
            catch (Exception e) when (e is ParameterException or NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                return new Outcome(job, null, e.Message, DateTime.UtcNow - started);
            }
        }

        /// <summary>
        /// PATH arguments → jobs. Files are taken as given; folders are searched recursively for .ipynb/.dib
        /// (skipping hidden folders such as .ipynb_checkpoints, and bin/obj). Outputs keep the layout below the
        /// folder (or just the file name for a file argument); .dib inputs are written as .ipynb so outputs fit.
        /// Null when the paths cannot be used: <paramref name="problem"/> says why and <paramref name="exitCode"/> is
        /// <see cref="ExitCodes.BadInput"/> for a missing or non-notebook PATH, <see cref="ExitCodes.Usage"/> when no
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
                    inputs.AddRange(Search(full).Select(f => (f, full)));
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

        private static void PrintSummary(IAnsiConsole console, bool plain, List<Outcome> outcomes, int total)
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
                    FormatSeconds(result?.Duration ?? outcome.Elapsed),
                    status);
            }

            console.Write(table);
            var failed = outcomes.Count(o => o.Result?.Succeeded != true);
            var notRun = total - outcomes.Count;
            var line = $"{outcomes.Count - failed} of {total} notebook(s) succeeded" +
                       (failed > 0 ? $", {failed} failed" : string.Empty) +
                       (notRun > 0 ? $", {notRun} not run" : string.Empty) + ".";
            console.MarkupLine(failed > 0 || notRun > 0 ? $"[red]{Markup.Escape(line)}[/]" : $"[green]{Markup.Escape(line)}[/]");
        }

        private static string FormatSeconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

        private static void WriteLine(TextWriter log, bool plain, string text, string style)
        {
            if (plain)
            {
                log.WriteLine(text);
            }
            else
            {
                AnsiConsole.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
            }
        }

        private sealed record Outcome(NotebookJob Job, NotebookRunResult? Result, string? Message, TimeSpan Elapsed);

        /// <summary>NuGet restores of <c>#r "nuget:…"</c> cells: what is being restored, or that the cache was up to date.</summary>
        private sealed class PackageLines(TextWriter log, bool plain) : IProgress<PackageProgress>
        {
            public void Report(PackageProgress value)
            {
                var style = value.Stage switch
                {
                    PackageProgressStage.Failed => "red",
                    PackageProgressStage.Restoring => "blue",
                    _ => "grey",
                };
                var time = value.Duration is { } d && value.Stage == PackageProgressStage.Restored ? $" in {FormatSeconds(d)}" : string.Empty;
                WriteLine(log, plain, $"  packages: {value.Message}{time}", style);
            }
        }

        /// <summary>One line per finished cell, synchronously on the runner's thread (so lines stay in order).</summary>
        private sealed class CellLines(TextWriter log, bool plain) : IProgress<CellProgress>
        {
            public void Report(CellProgress value)
            {
                if (value.Stage == CellProgressStage.Started)
                {
                    return;
                }

                var (mark, style) = value.Stage switch
                {
                    CellProgressStage.Succeeded => ("ok", "green"),
                    CellProgressStage.Skipped => ("skipped", "grey"),
                    CellProgressStage.FailedAsExpected => ("raised (expected)", "yellow"),
                    CellProgressStage.TimedOut => ("TIMED OUT", "red"),
                    _ => ("FAILED", "red"),
                };
                var time = value.Duration is { } d ? $" {FormatSeconds(d)}" : string.Empty;
                var text = $"  cell {value.CellNumber}/{value.CellCount} {mark}{time}  {value.SourcePreview}";
                if (value.Message is not null && value.Stage != CellProgressStage.Succeeded)
                {
                    text += $"\n    {value.Message}";
                }

                WriteLine(log, plain, text, style);
            }
        }
    }
}
