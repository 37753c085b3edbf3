using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Parameters;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Widgets;

namespace Barometer.Kernel.Running;

/// <summary>
/// Runs notebooks the way papermill/nbclient do: load → inject parameters → execute the code cells in order
/// in one kernel → write the executed notebook (also when a cell failed or the kernel died, so the partial
/// notebook shows where). The kernel is a process of its own driven over the Jupyter protocol when
/// <see cref="NotebookRunOptions.Kernel"/> is given (<see cref="JupyterKernel"/>), else a session in this process
/// (<see cref="InProcessKernel"/>); both report the same <see cref="CellEvent"/>s, collected by one
/// <see cref="CellOutputBuilder"/>. Per-cell timing and status go into the metadata of each code cell, the run's
/// timing and parameters into the notebook's metadata, under <see cref="NotebookRunOptions.MetadataKey"/>.
/// </summary>
public static class NotebookRunner
{

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
        warnings.AddRange(ParameterInjector.Inject(notebook, options.Parameters, options.MetadataKey, options.StrictParameters).Warnings);
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
            KernelStartup = run.KernelStartup,
            PendingOutputsWait = run.PendingOutputsWait,
            KernelShutdown = run.KernelShutdown,
            FirstError = firstError,
        };
    }

    /// <summary>Starts the kernel the options ask for: a process of its own in the notebook's folder, or a session in this process.</summary>
    private static async Task<INotebookKernel> StartKernelAsync(string notebookPath, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var notebookDirectory = Path.GetDirectoryName(notebookPath)!;
        if (options.Kernel is { } startInfo)
        {
            return await JupyterKernel.StartAsync(
                startInfo with
                {
                    // The executed notebook is a file: plotly.js stays out of it (see SessionChartState).
                    Environment = new Dictionary<string, string>(startInfo.Environment ?? new Dictionary<string, string>())
                    {
                        [Formatting.Known.SessionChartState.InlineVariable] = "0",
                    },
                    WorkingDirectory = Path.GetFullPath(options.WorkingDirectory ?? notebookDirectory),
                    StandardErrorLine = options.KernelLog ?? startInfo.StandardErrorLine,
                },
                cancellationToken).ConfigureAwait(false);
        }

        return new InProcessKernel(new ScriptSessionOptions
        {
            InlinePlotlyJs = false, // the executed notebook is a file: plotly.js stays out of it
            BaseDirectory = notebookDirectory,
            DocumentName = Path.GetFileName(notebookPath),
            Formatters = options.Formatters,
            Environment = options.Environment,
            CellTimeout = options.CellTimeout,
            PackageProgress = options.PackageProgress,
            PackageCacheDirectory = options.PackageCacheDirectory,
        });
    }

    /// <summary>Records the run's outcome in the metadata and writes the notebook (when an output path is given), even after a failure.</summary>
    private static Task FinishAndSaveAsync(Run run, Notebook notebook, string? outputPath, bool cancelled)
    {
        run.Finish(cancelled);
        return outputPath is null ? Task.CompletedTask : NotebookFile.SaveAsync(notebook, outputPath, CancellationToken.None);
    }

    private sealed record Failure(int CellNumber, int? ExecutionCount, string? CellId, string Source, CellError Error);

    /// <summary>State of one execution pass over a notebook.</summary>
    private sealed class Run(Notebook notebook, string path, NotebookRunOptions options, IProgress<CellProgress>? progress)
    {
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly WidgetStateRecorder _widgets = new();

        public int CellsExecuted { get; private set; }

        public int CellsFailed { get; private set; }

        public Failure? FirstFailure { get; private set; }

        public TimeSpan KernelStartup { get; private set; }

        public TimeSpan PendingOutputsWait { get; private set; }

        public TimeSpan KernelShutdown { get; private set; }

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            // Start clean, as papermill does: no stale outputs next to fresh ones in a partial notebook.
            foreach (var cell in notebook.Cells.Where(c => c.CellType == CellType.Code))
            {
                cell.Outputs.Clear();
                cell.ExecutionCount = null;
                SetCellMetadata(cell, "pending", null, null);
            }

            INotebookKernel kernel;
            var starting = Stopwatch.StartNew();
            try
            {
                kernel = await StartKernelAsync(path, options, cancellationToken).ConfigureAwait(false);
                KernelStartup = starting.Elapsed;
            }
            catch (Exception ex) when (ex is DeadKernelException or TimeoutException)
            {
                // The kernel never became ready: the first code cell carries the error, nothing ran.
                var first = notebook.Cells.Select((c, i) => (Cell: c, Number: i + 1)).FirstOrDefault(x => x.Cell.CellType == CellType.Code);
                if (first.Cell is not null)
                {
                    var error = ErrorReporter.KernelDied(new CellLocation(first.Number, 0, first.Cell.Source), "it did not start: " + ex.Message);
                    first.Cell.Outputs.Add(error.ToOutput());
                    SetCellMetadata(first.Cell, "failed", null, null);
                    FirstFailure = new Failure(first.Number, null, first.Cell.Id, first.Cell.Source, error);
                    CellsFailed++;
                }

                return;
            }

            var built = new List<(NotebookCell Cell, CellOutputBuilder Outputs)>();
            try
            {
                await RunCellsAsync(kernel, built, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Charts' PNGs are rendered off the cells' critical path and arrive as display updates: the notebook is
                // written with them (or, past the wait, with the reason in each chart's text).
                if (!cancellationToken.IsCancellationRequested)
                {
                    var waiting = Stopwatch.StartNew();
                    await kernel.WaitForPendingOutputsAsync(MaxPendingOutputsWait, cancellationToken).ConfigureAwait(false);
                    PendingOutputsWait = waiting.Elapsed;
                }

                foreach (var (cell, outputs) in built)
                {
                    cell.Outputs.Clear();
                    cell.Outputs.AddRange(outputs.Build());
                }

                var stopping = Stopwatch.StartNew();
                await kernel.DisposeAsync().ConfigureAwait(false);
                KernelShutdown = stopping.Elapsed;
            }
        }

        /// <summary>How long the run waits, after the last cell, for the images still being rendered.</summary>
        private static readonly TimeSpan MaxPendingOutputsWait = TimeSpan.FromMinutes(2);

        private async Task RunCellsAsync(INotebookKernel kernel, List<(NotebookCell Cell, CellOutputBuilder Outputs)> built, CancellationToken cancellationToken)
        {
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
                var clock = Stopwatch.StartNew();
                var outputs = new CellOutputBuilder();
                var result = await kernel.ExecuteAsync(
                    new CellRequest(cell.Source, number, cell.Id, notebook.KernelNameOf(cell), options.CellTimeout),
                    e =>
                    {
                        outputs.Add(e);
                        if (e is CommSent sent)
                        {
                            _widgets.Observe(sent.MessageType, sent.Content, sent.Buffers);
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
                var ended = DateTimeOffset.UtcNow;

                CellsExecuted++;
                cell.ExecutionCount = result.ExecutionCount;
                cell.Outputs.Clear();
                cell.Outputs.AddRange(outputs.Build());
                built.Add((cell, outputs));

                if (result.Succeeded)
                {
                    SetCellMetadata(cell, "completed", started, ended);
                    Report(number, CellProgressStage.Succeeded, result.ExecutionCount, clock.Elapsed, preview, null, result.Trace);
                    continue;
                }

                CellsFailed++;
                var error = result.Error!;
                var message = $"{error.EName}: {error.EValue}";
                var timedOut = result.Status == CellExecutionStatus.TimedOut;
                var expected = cell.HasTag(NotebookCell.RaisesExceptionTag) && !timedOut && !result.KernelLost;
                var status = timedOut ? "timed-out" : result.KernelLost ? "kernel-died" : "failed";
                SetCellMetadata(cell, status, started, ended, expected);
                Report(
                    number,
                    expected ? CellProgressStage.FailedAsExpected : timedOut ? CellProgressStage.TimedOut : CellProgressStage.Failed,
                    result.ExecutionCount,
                    clock.Elapsed,
                    preview,
                    message,
                    result.Trace);
                if (expected)
                {
                    continue;
                }

                FirstFailure ??= new Failure(number, result.ExecutionCount, cell.Id, cell.Source, error);
                stop = timedOut || result.KernelLost || !options.AllowErrors;
            }
        }

        public void Finish(bool cancelled)
        {
            var end = DateTimeOffset.UtcNow;
            // The widgets' last state, as nbclient saves it, so a page rendered without a kernel shows them; a stale
            // state from an earlier run (its models gone) is dropped.
            if (_widgets.Count > 0)
            {
                notebook.Metadata["widgets"] = _widgets.ToNotebookMetadata();
            }
            else
            {
                notebook.Metadata.Remove("widgets");
            }

            var section = JupyterJson.GetOrAddObject(notebook.Metadata, options.MetadataKey);
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

        private void Report(int number, CellProgressStage stage, int? executionCount, TimeSpan? duration, string preview, string? message, CellTrace? trace = null) =>
            progress?.Report(new CellProgress(path, number, notebook.Cells.Count, stage, executionCount, duration, preview, message) { Trace = trace });

        private void SetCellMetadata(NotebookCell cell, string status, DateTimeOffset? start, DateTimeOffset? end, bool expectedError = false)
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

            cell.Metadata[options.MetadataKey] = section;
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
