using System.Globalization;
using Barometer.Analysis.Loading;
using Barometer.Cli.Rendering;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Parameters;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Running;

namespace Barometer.Cli.Notebooks;

/// <summary>Finds the notebooks, runs them one after another, prints progress and a summary.</summary>
internal static class NotebookRun
{
    public static async Task<int> ExecuteAsync(NotebookRunSettings settings, CancellationToken cancellationToken)
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
        var kernel = new KernelStartInfo(settings.KernelArgv) { Environment = new Dictionary<string, string> { ["BAROMETER_KERNEL_LANGUAGE_WARMUP"] = "0" } };
        var parallel = Math.Clamp(settings.Jobs, 1, jobs.Count);
        var outcomes = new NotebookOutcome?[jobs.Count];
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

    private static async Task<NotebookOutcome> RunOneAsync(NotebookJob job, NotebookRunSettings settings, KernelStartInfo kernel, NotebookProgressLog.NotebookLines progress, CancellationToken cancellationToken)
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

            return new NotebookOutcome(job, result, result.FirstError?.Message, DateTime.UtcNow - started);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new NotebookOutcome(job, null, "cancelled; the partially executed notebook was written.", DateTime.UtcNow - started);
        }
        catch (Exception e) when (e is ParameterException or NotebookFormatException)
        {
            return new NotebookOutcome(job, null, e.Message, DateTime.UtcNow - started);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The message names the path that failed: the notebook read, or its executed copy written.
            var message = e.Message.Contains(job.Input, StringComparison.Ordinal)
                ? $"cannot read the notebook: {Barometer.IO.FileProblem.DescribeRead(job.Input, e)}"
                : $"cannot write the executed notebook '{options.OutputPath ?? job.Input}': {Barometer.IO.FileProblem.DescribeWrite(options.OutputPath ?? job.Input, e)}";
            return new NotebookOutcome(job, null, message, DateTime.UtcNow - started);
        }
    }

    /// <summary>The kernel of one notebook: the output limit, and where its full outputs go, on its command line.</summary>
    private static KernelStartInfo KernelFor(KernelStartInfo kernel, NotebookRunSettings settings, string executedNotebook)
    {
        List<string> argv = [.. kernel.Argv, "--output-limit", settings.OutputLimit.ToString(CultureInfo.InvariantCulture)];
        if (settings.FullOutputs)
        {
            argv.AddRange(["--full-outputs", FullOutputsFolderBeside(executedNotebook)]);
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
    internal static List<NotebookJob>? FindJobs(NotebookRunSettings settings, out string? problem, out int exitCode)
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

    /// <summary>The folder beside the executed notebook <paramref name="notebookPath"/> that keeps its full outputs.</summary>
    private static string FullOutputsFolderBeside(string notebookPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, Path.GetFileNameWithoutExtension(notebookPath) + ".full-outputs");
}
