using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Parameters;

namespace Barometer.Kernel.Running;

/// <summary>
/// Runs notebooks the way papermill/nbclient do: load → inject parameters → execute the code cells in order
/// in one <see cref="ScriptSession"/> → write the executed notebook (also when a cell failed, so the partial
/// notebook shows where). Per-cell timing and status go into <c>metadata.barometer</c> of each code cell, the
/// run's timing and parameters into the notebook's <c>metadata.barometer</c>.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Metadata key under which the runner records parameters and timing.</summary>
    public const string MetadataKey = JupyterJson.RunnerMetadataKey;

    private static readonly SemaphoreSlim WorkingDirectoryGate = new(1, 1);

    /// <summary>
    /// Runs the notebook at <paramref name="inputPath"/> and writes the result to
    /// <see cref="NotebookRunOptions.OutputPath"/> (or over the input with <see cref="NotebookRunOptions.InPlace"/>).
    /// Cell failures do not throw: they are in <see cref="NotebookRunResult.FirstError"/>
    /// (a <see cref="NotebookExecutionException"/>, see <see cref="NotebookRunResult.EnsureSuccess"/>), after the
    /// partial notebook has been written.
    /// </summary>
    /// <exception cref="ArgumentException">Neither an output path nor in-place was given.</exception>
    /// <exception cref="NotebookFormatException">The input is not a readable notebook.</exception>
    /// <exception cref="ParameterException">A parameter value does not fit its declared type.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the partial notebook is written first.</exception>
    public static async Task<NotebookRunResult> RunAsync(
        string inputPath,
        NotebookRunOptions options,
        IProgress<CellProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();

        var input = Path.GetFullPath(inputPath);
        var output = options.OutputPath is not null ? Path.GetFullPath(options.OutputPath)
            : options.InPlace ? input
            : throw new ArgumentException("NotebookRunOptions needs an OutputPath, or InPlace = true.", nameof(options));
        var outputFormat = NotebookFile.FormatOf(output);

        var notebook = await NotebookFile.LoadAsync(input, cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>();
        warnings.AddRange(ParameterInjector.Inject(notebook, options.Parameters).Warnings);
        if (outputFormat == NotebookFileFormat.Dib)
        {
            warnings.Add($"'{output}' is a .dib file, which cannot hold outputs; write an .ipynb to keep them.");
        }
        else
        {
            notebook.EnsureCellIds();
        }

        var result = await ExecuteAsync(notebook, input, options, progress, output, cancellationToken).ConfigureAwait(false);
        return result with { Duration = stopwatch.Elapsed, Warnings = [.. warnings, .. result.Warnings] };
    }

    /// <summary>
    /// Executes an in-memory notebook as if it were stored at <paramref name="notebookPath"/> (whose folder is
    /// the base of <c>#r</c>/<c>#load</c> and, by default, the working directory). Outputs and metadata are
    /// written into <paramref name="notebook"/>; the file is written only if <paramref name="outputPath"/> is given.
    /// Parameters in <paramref name="options"/> are not injected here (see <see cref="ParameterInjector"/>).
    /// </summary>
    public static async Task<NotebookRunResult> ExecuteAsync(
        Notebook notebook,
        string notebookPath,
        NotebookRunOptions options,
        IProgress<CellProgress>? progress = null,
        string? outputPath = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var input = Path.GetFullPath(notebookPath);
        var notebookDirectory = Path.GetDirectoryName(input)!;
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? notebookDirectory);

        await WorkingDirectoryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(workingDirectory);
            var run = new Run(notebook, input, options, progress);
            try
            {
                await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await FinishAndSaveAsync(run, notebook, outputPath, cancelled: true).ConfigureAwait(false);
                throw;
            }

            await FinishAndSaveAsync(run, notebook, outputPath, cancelled: false).ConfigureAwait(false);

            var firstError = run.FirstFailure is { } failure
                ? new NotebookExecutionException(input, outputPath, failure.CellNumber, failure.ExecutionCount, failure.CellId, failure.Source, failure.Error)
                : null;
            return new NotebookRunResult
            {
                InputPath = input,
                OutputPath = outputPath,
                Status = firstError is null ? NotebookRunStatus.Succeeded : NotebookRunStatus.Failed,
                CellCount = notebook.Cells.Count,
                CodeCellCount = notebook.Cells.Count(c => c.CellType == CellType.Code),
                CellsExecuted = run.CellsExecuted,
                CellsFailed = run.CellsFailed,
                Duration = stopwatch.Elapsed,
                FirstError = firstError,
            };
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            WorkingDirectoryGate.Release();
        }
    }

    /// <summary>Records the run's outcome in the metadata and writes the notebook (when an output path is given), even after a failure.</summary>
    private static Task FinishAndSaveAsync(Run run, Notebook notebook, string? outputPath, bool cancelled)
    {
        run.Finish(cancelled);
        return outputPath is null ? Task.CompletedTask : NotebookFile.SaveAsync(notebook, outputPath, CancellationToken.None);
    }

    private sealed record Failure(int CellNumber, int ExecutionCount, string? CellId, string Source, CellError Error);

    /// <summary>State of one execution pass over a notebook.</summary>
    private sealed class Run(Notebook notebook, string path, NotebookRunOptions options, IProgress<CellProgress>? progress)
    {
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public int CellsExecuted { get; private set; }

        public int CellsFailed { get; private set; }

        public Failure? FirstFailure { get; private set; }

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            // Start clean, as papermill does: no stale outputs next to fresh ones in a partial notebook.
            foreach (var cell in notebook.Cells.Where(c => c.CellType == CellType.Code))
            {
                cell.Outputs.Clear();
                cell.ExecutionCount = null;
                SetCellMetadata(cell, "pending", null, null);
            }

            using var session = new ScriptSession(new ScriptSessionOptions
            {
                BaseDirectory = Path.GetDirectoryName(path),
                DocumentName = Path.GetFileName(path),
                Formatters = options.Formatters,
                Environment = options.Environment,
                CellTimeout = options.CellTimeout,
                PackageProgress = options.PackageProgress,
                PackageCacheDirectory = options.PackageCacheDirectory,
            });

            var stop = false;
            for (var index = 0; index < notebook.Cells.Count && !stop; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cell = notebook.Cells[index];
                if (cell.CellType != CellType.Code)
                {
                    continue;
                }

                var number = index + 1;
                var preview = Preview(cell.Source);
                if (cell.HasTag(NotebookCell.SkipExecutionTag))
                {
                    SetCellMetadata(cell, "skipped", null, null);
                    Report(number, CellProgressStage.Skipped, null, null, preview, null);
                    continue;
                }

                Report(number, CellProgressStage.Started, null, null, preview, null);
                var started = DateTimeOffset.UtcNow;
                var result = await session.ExecuteAsync(
                    new CellSubmission(cell.Source) { CellNumber = number, KernelName = notebook.KernelNameOf(cell) },
                    cancellationToken).ConfigureAwait(false);
                var ended = DateTimeOffset.UtcNow;

                CellsExecuted++;
                cell.ExecutionCount = result.ExecutionCount;
                cell.Outputs.Clear();
                cell.Outputs.AddRange(result.Outputs);

                if (result.Succeeded)
                {
                    SetCellMetadata(cell, "completed", started, ended);
                    Report(number, CellProgressStage.Succeeded, result.ExecutionCount, result.Duration, preview, null);
                    continue;
                }

                CellsFailed++;
                var error = result.Error!;
                var message = $"{error.EName}: {error.EValue}";
                var expected = cell.HasTag(NotebookCell.RaisesExceptionTag) && result.Status != CellExecutionStatus.TimedOut;
                var status = result.Status == CellExecutionStatus.TimedOut ? "timed-out" : "failed";
                SetCellMetadata(cell, status, started, ended, expected);
                Report(
                    number,
                    expected ? CellProgressStage.FailedAsExpected : result.Status == CellExecutionStatus.TimedOut ? CellProgressStage.TimedOut : CellProgressStage.Failed,
                    result.ExecutionCount,
                    result.Duration,
                    preview,
                    message);
                if (expected)
                {
                    continue;
                }

                FirstFailure ??= new Failure(number, result.ExecutionCount, cell.Id, cell.Source, error);
                stop = result.Status == CellExecutionStatus.TimedOut || !options.AllowErrors;
            }
        }

        public void Finish(bool cancelled)
        {
            var end = DateTimeOffset.UtcNow;
            var section = JupyterJson.GetOrAddObject(notebook.Metadata, MetadataKey);
            section["execution"] = new JsonObject
            {
                ["start_time"] = Timestamp(_start),
                ["end_time"] = Timestamp(end),
                ["duration"] = Seconds(_clock.Elapsed),
                ["status"] = cancelled ? "cancelled" : FirstFailure is null ? "completed" : "failed",
                ["cells_executed"] = CellsExecuted,
                ["cells_failed"] = CellsFailed,
                ["allow_errors"] = options.AllowErrors,
                ["cell_timeout"] = options.CellTimeout == Timeout.InfiniteTimeSpan ? null : Seconds(options.CellTimeout),
            };
        }

        private void Report(int number, CellProgressStage stage, int? executionCount, TimeSpan? duration, string preview, string? message) =>
            progress?.Report(new CellProgress(path, number, notebook.Cells.Count, stage, executionCount, duration, preview, message));

        private static void SetCellMetadata(NotebookCell cell, string status, DateTimeOffset? start, DateTimeOffset? end, bool expectedError = false)
        {
            var section = new JsonObject { ["status"] = status };
            if (start is { } s && end is { } e)
            {
                section["start_time"] = Timestamp(s);
                section["end_time"] = Timestamp(e);
                section["duration"] = Seconds(e - s);
            }

            if (expectedError)
            {
                section["expected_error"] = true;
            }

            cell.Metadata[MetadataKey] = section;
        }

        private static string Preview(string source)
        {
            var line = Notebook.FirstNonBlankLine(source) ?? string.Empty;
            line = line.Trim();
            return line.Length <= 60 ? line : line[..57] + "...";
        }
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 6);
}
