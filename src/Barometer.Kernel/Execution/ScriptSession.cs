using System.Diagnostics;
using Barometer.Kernel.Comms;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Projects;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// A C# notebook session: cells run one after another against one Roslyn <see cref="ScriptState"/>, so
/// variables, types and <c>using</c>s carry over. The first successful submission is started with
/// <see cref="Script.RunAsync(object, Func{Exception, bool}, CancellationToken)"/>, later ones continue the chain
/// (<see cref="Script.ContinueWith(string, ScriptOptions)"/> + <c>RunFromAsync</c>). A cell that does not compile
/// leaves the state as it was; exceptions are caught (<c>catchException</c>) so a failed cell keeps the previous
/// state and its own declarations. A cell's run is a stream of <see cref="CellEvent"/>s (started, console text as
/// it is written, displays and their updates, result, error, finished) that the caller observes; the same events
/// are collected into the nbformat outputs of the returned <see cref="CellExecutionResult"/>. Console text and
/// input are routed only in a process whose host called <see cref="ConsoleCapture.Install"/>. Not meant for
/// concurrent calls (cells are sequential by nature); calls are serialised.
/// </summary>
public sealed partial class ScriptSession : IDisposable
{
    private readonly ScriptSessionOptions _options;
    private readonly ScriptEnvironment _environment;
    private readonly string _baseDirectory;
    private readonly NotebookGlobals _globals;
    private readonly string _pathPrefix;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, int> _submissionCells = new(StringComparer.Ordinal);
    private readonly HashSet<MetadataReference> _chainReferences = new(ReferenceEqualityComparer.Instance);
    private ScriptOptions _scriptOptions = null!;
    private SessionReferences _references = null!;
    private PackageService _packages = null!;
    private ProjectService _projects = null!;
    private LanguageVersion _languageVersion = ScriptEnvironment.DefaultLanguageVersion;
    private ScriptState<object>? _state;
    private CancellationTokenSource? _runningCellInterrupt;
    private int _executionCount;
    private bool _disposed;
    private readonly PendingOutputs _pendingOutputs = new();

    /// <summary>Creates a session (cheap; compilation happens per cell).</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        _options = options ?? new ScriptSessionOptions();
        _options = _options with { Formatters = _options.Formatters.ForSession(_options.InlinePlotlyJs) };
        _environment = _options.Environment ?? ScriptEnvironment.Shared;
        _baseDirectory = Path.GetFullPath(_options.BaseDirectory ?? Directory.GetCurrentDirectory());
        _globals = new NotebookGlobals(_options.Formatters, Comms);
        // Widgets: the jupyter.widget.control target, which a front end opens as soon as it connects.
        Widgets.WidgetManager.For(Comms);
        var documentName = string.IsNullOrWhiteSpace(_options.DocumentName) ? "notebook" : Path.GetFileName(_options.DocumentName);
        _pathPrefix = Path.Combine(_baseDirectory, documentName);
        StartOver();
    }

    /// <summary>How many cells have been submitted (the last execution count).</summary>
    public int ExecutionCount => _executionCount;

    /// <summary>The session's settings.</summary>
    public ScriptSessionOptions Options => _options;

    /// <summary>
    /// The session's comms with a front end (the <c>Comms</c> global of its cells): targets registered by kernel code,
    /// the comms open now. Under the Jupyter kernel they carry <c>comm_*</c> messages; elsewhere what is sent goes nowhere.
    /// </summary>
    public CommManager Comms { get; } = new();

    /// <summary>The session's NuGet packages (<c>#r "nuget:…"</c>): what is loaded, how many restores ran.</summary>
    public PackageService Packages => _packages;

    // Hooks for the language services (completion, inspection): the state after the last cell that compiled,
    // and the options the next cell compiles with (the environment's references plus the loaded packages').
    internal ScriptState<object>? CurrentState => _state;

    internal ScriptOptions NextCellOptions => _scriptOptions.AddReferences(_packages.References).WithLanguageVersion(_languageVersion);

    /// <summary>The session's projects (<c>#:project</c>): what is loaded, how many builds ran.</summary>
    internal ProjectService Projects => _projects;

    /// <summary>
    /// Drops everything earlier cells did (variables, types, <c>using</c>s, references, packages, projects) and starts a
    /// new Roslyn script chain with a new load context: a project rebuilt with changes cannot be loaded beside its old
    /// build (same assembly identity), so the session starts over to use it.
    /// </summary>
    private void StartOver()
    {
        var environmentOptions = _environment.CreateOptions(_baseDirectory);
        _references = new SessionReferences(_environment.References);
        _scriptOptions = environmentOptions.WithMetadataResolver(new SessionMetadataResolver(environmentOptions.MetadataResolver, _references));
        _packages?.Dispose();
        var packageCache = Path.GetFullPath(_options.PackageCacheDirectory ?? PackageCache.DefaultDirectory);
        _packages = new PackageService(new PackageServiceOptions
        {
            BaseDirectory = _baseDirectory,
            CacheDirectory = packageCache,
            Progress = _options.PackageProgress,
            SessionReferences = _references,
        });
        _projects = new ProjectService(_baseDirectory, Path.Combine(Path.GetDirectoryName(packageCache)!, "projects"), DotNetHost.Current, _packages);
        _state = null;
        _chainReferences.Clear();
        lock (_submissionCells)
        {
            _submissionCells.Clear();
        }
    }

    /// <summary>Runs a C# cell.</summary>
    public Task<CellExecutionResult> ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new CellSubmission(code), null, cancellationToken);

    /// <summary>Runs one cell (see <see cref="ExecuteAsync(CellSubmission, Action{CellEvent}?, CancellationToken)"/>).</summary>
    public Task<CellExecutionResult> ExecuteAsync(CellSubmission submission, CancellationToken cancellationToken = default) =>
        ExecuteAsync(submission, null, cancellationToken);

    /// <summary>
    /// Runs one cell. Errors (compile errors, exceptions, timeouts, interrupts, unsupported cells) are returned in
    /// the result and raised as <see cref="ErrorRaised"/>, never thrown; only cancellation through
    /// <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/> (use
    /// <see cref="Interrupt"/> to stop a cell and keep a result).
    /// </summary>
    /// <param name="submission">The cell.</param>
    /// <param name="onEvent">
    /// Observes the cell's events as they happen, on the thread that causes them (console text from the cell's
    /// own threads). Must be quick, thread-safe and must not throw. Events are delivered one at a time.
    /// </param>
    /// <param name="cancellationToken">Abandons the cell and throws.</param>
    public async Task<CellExecutionResult> ExecuteAsync(CellSubmission submission, Action<CellEvent>? onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var interrupt = new CancellationTokenSource();
        Volatile.Write(ref _runningCellInterrupt, interrupt);
        try
        {
            var builder = new CellOutputBuilder();
            var emitGate = new object();
            void Emit(CellEvent e)
            {
                lock (emitGate)
                {
                    builder.Add(e);
                    onEvent?.Invoke(e);
                }
            }

            return await ExecuteCoreAsync(submission, Emit, builder, interrupt.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _runningCellInterrupt, null);
            _gate.Release();
        }
    }

    /// <summary>
    /// Interrupts the running cell, if any (callable from any thread): its cancellation token (the
    /// <c>CancellationToken</c> global of the notebook) is cancelled; a cell that stops by throwing
    /// <see cref="OperationCanceledException"/> ends as <see cref="CellExecutionStatus.Interrupted"/>. A cell that does not
    /// stop within <see cref="ScriptSessionOptions.InterruptGrace"/> is abandoned (threads cannot be aborted: its
    /// code may keep running in the background, its output is dropped) and the session continues from the
    /// state before it.
    /// </summary>
    public void Interrupt()
    {
        try
        {
            Volatile.Read(ref _runningCellInterrupt)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The cell finished meanwhile.
        }
    }

    /// <summary>The current value of a script variable (the latest declaration of that name).</summary>
    public bool TryGetVariable(string name, out object? value)
    {
        var variable = _state?.GetVariable(name);
        value = variable?.Value;
        return variable is not null;
    }

    private async Task<CellExecutionResult> ExecuteCoreAsync(
        CellSubmission submission,
        Action<CellEvent> emit,
        CellOutputBuilder builder,
        CancellationToken interrupt,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var trace = new CellTraceRecorder();
        var executionCount = submission.StoreHistory ? ++_executionCount : _executionCount;
        var location = new CellLocation(submission.CellNumber ?? Math.Max(1, executionCount), executionCount, submission.Code);
        emit(new CellStarted(executionCount, submission.Code));

        CellExecutionResult Finish(CellExecutionStatus status, CellError? error, bool hasReturnValue = false, object? returnValue = null)
        {
            if (error is not null)
            {
                emit(new ErrorRaised(error));
            }

            emit(new CellFinished(status, executionCount));
            return new CellExecutionResult
            {
                ExecutionCount = executionCount,
                Status = status,
                Outputs = builder.Build(),
                Error = error,
                HasReturnValue = hasReturnValue,
                ReturnValue = returnValue,
                Duration = stopwatch.Elapsed,
                Trace = trace.ToTrace(),
            };
        }

        var prepared = SubmissionPreprocessor.Prepare(submission.Code, submission.KernelName);
        trace.Lap(CellTracePhases.Preprocess);
        if (prepared.Error is not null)
        {
            return Finish(CellExecutionStatus.Failed, ErrorReporter.FromPreparation(prepared.Error, location));
        }

        var outcome = prepared.Steps.Count == 0
            ? await RunCodeAsync(prepared, submission, location, emit, trace, executionCount, interrupt, cancellationToken).ConfigureAwait(false)
            : await RunStepsAsync(prepared.Steps, submission, location, emit, trace, executionCount, interrupt, cancellationToken).ConfigureAwait(false);
        return Finish(outcome.Status, outcome.Error, outcome.HasReturnValue, outcome.ReturnValue);
    }

    /// <summary>Runs C# (a whole cell, or one part of a cell with magic commands): projects, packages, compile, run, value.</summary>
    private async Task<CodeOutcome> RunCodeAsync(
        PreparedSubmission prepared,
        CellSubmission submission,
        CellLocation location,
        Action<CellEvent> emit,
        CellTraceRecorder trace,
        int executionCount,
        CancellationToken interrupt,
        CancellationToken cancellationToken)
    {
        static CodeOutcome Done(CellExecutionStatus status, CellError? error, bool hasReturnValue = false, object? returnValue = null) =>
            new(status, error, hasReturnValue, returnValue);

        if (prepared.LanguageVersion is { } languageVersion)
        {
            _languageVersion = languageVersion.Version;
        }

        if (prepared.Projects.Count > 0)
        {
            // #:project: built when out of date, its closure loaded before the cell's code compiles against it.
            void Line(string line) => emit(new StreamText("stdout", line + "\n"));
            var projects = await _projects.AddAsync(prepared.Projects, Line, cancellationToken).ConfigureAwait(false);
            if (projects.Changed is { } changed)
            {
                Line($"{changed} changed since this session loaded it: the session starts over with the new build "
                     + "(variables, types, usings and references of earlier cells are gone; run the cells after this one again).");
                StartOver();
                projects = await _projects.AddAsync(prepared.Projects, Line, cancellationToken).ConfigureAwait(false);
            }

            if (projects.Failure is { } projectFailure)
            {
                return Done(CellExecutionStatus.Failed, ErrorReporter.FromProjectFailure(projectFailure.Directive, projectFailure.Message, projectFailure.Details, location));
            }

            trace.Lap(CellTracePhases.Projects);
        }

        if (prepared.Packages.Count > 0)
        {
            // #r "nuget:…" / #i "nuget:…": restored and loaded before the cell's code compiles against them; what is
            // being restored shows in the cell's output while it happens.
            var packages = await _packages.AddAsync(prepared.Packages, line => emit(new StreamText("stdout", line + "\n")), cancellationToken).ConfigureAwait(false);
            if (packages.Failure is { } packageFailure)
            {
                return Done(CellExecutionStatus.Failed, ErrorReporter.FromPackageFailure(packageFailure, location));
            }

            trace.Lap(CellTracePhases.Packages);
        }

        if (prepared.Projects.Count > 0 || prepared.Packages.Count > 0)
        {
            StartChartBrowserEarly(_packages.References);
        }

        if (string.IsNullOrWhiteSpace(prepared.Code))
        {
            return Done(CellExecutionStatus.Succeeded, null);
        }

        using var cellCancellation = CancellationTokenSource.CreateLinkedTokenSource(interrupt, cancellationToken);
        var budget = new OutputBudget(_options.OutputLimit, _options.FullOutputDirectory, location.CellNumber);
        var cell = new RunningCell(_options.Formatters, budget, emit, submission.Input, cellCancellation.Token, Comms, _pendingOutputs);
        var timeout = submission.Timeout ?? _options.CellTimeout;

        // A warm-up compiling beside the first cells could bind them to other symbols: wait for it to end.
        var warmUp = _environment.WhenWarmedUpAsync();
        if (!warmUp.IsCompleted)
        {
            trace.Skip();
            await warmUp.ConfigureAwait(false);
            trace.Lap(CellTracePhases.WarmUp);
        }

        var previous = _state;
        var options = NextCellOptions.WithFilePath(_pathPrefix + ErrorReporter.CellPathMarker + location.CellNumber);
        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onInterrupt = interrupt.Register(() => interrupted.TrySetResult());

        // Compile and run off the caller's thread: script code runs synchronously until its first await, and a
        // busy loop must not keep the timeout from firing. The timeout measures execution only: it starts once
        // the submission has compiled (a cold Roslyn compile alone can take seconds).
        var compiled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = CreateScript(prepared.Code, options, previous);
        var run = Task.Run(
            () => SubmissionRun.CompileAndRunAsync(script, previous, _globals, cell, location, compiled, emit, trace, RegisterSubmission, cellCancellation.Token),
            CancellationToken.None);
        await Task.WhenAny(compiled.Task, run, interrupted.Task).ConfigureAwait(false);
        if (compiled.Task.IsCompletedSuccessfully && script.GetCompilation().DirectiveReferences is { IsEmpty: false } directiveReferences)
        {
            StartChartBrowserEarly(directiveReferences); // a #r "…/Plotly.NET.dll" of this cell
        }
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timeoutCts.Token);
        var finished = await Task.WhenAny(run, delay, interrupted.Task).ConfigureAwait(false);
        if (finished == interrupted.Task)
        {
            // Give the cell a moment to stop at its token; then abandon it.
            finished = await Task.WhenAny(run, Task.Delay(_options.InterruptGrace, CancellationToken.None)).ConfigureAwait(false) == run ? run : interrupted.Task;
        }

        await timeoutCts.CancelAsync().ConfigureAwait(false);

        if (finished != run)
        {
            cell.Close();
            cancellationToken.ThrowIfCancellationRequested();

            // The abandoned code may keep running (threads cannot be aborted); its later output is dropped and
            // the session continues from the state before this cell.
            ObserveLater(run);
            return finished == interrupted.Task
                ? Done(CellExecutionStatus.Interrupted, ErrorReporter.Interrupted(location, abandoned: true))
                : Done(CellExecutionStatus.TimedOut, ErrorReporter.Timeout(timeout, location));
        }

        RunOutcome outcome;
        try
        {
            outcome = await run.ConfigureAwait(false);
        }
        catch (CompilationErrorException ex) when (ex.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // A compile error RunAsync met itself (the delegate compiled in CompileAndRunAsync is normally reused).
            cell.Close();
            return Done(CellExecutionStatus.Failed, ErrorReporter.FromDiagnostics(ex.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), location));
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            cell.Close();
            return Done(CellExecutionStatus.Interrupted, ErrorReporter.Interrupted(location, abandoned: false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Roslyn itself failed (e.g. an unreadable #r file); report it like an exception of the cell.
            cell.Close();
            return Done(CellExecutionStatus.Failed, ErrorReporter.FromException(ex, location, _submissionCells));
        }

        cell.Close();
        foreach (var note in _references.TakeNotes())
        {
            emit(new StreamText("stderr", "warning: " + note + "\n"));
        }

        if (outcome.CompileError is not null)
        {
            return Done(CellExecutionStatus.Failed, outcome.CompileError);
        }

        _state = outcome.State;
        _chainReferences.UnionWith(options.MetadataReferences); // the chain now carries them (see CreateScript)
        if (outcome.State!.Exception is { } exception)
        {
            return exception is OperationCanceledException && interrupt.IsCancellationRequested
                ? Done(CellExecutionStatus.Interrupted, ErrorReporter.Interrupted(location, abandoned: false))
                : Done(CellExecutionStatus.Failed, ErrorReporter.FromException(exception, location, _submissionCells));
        }

        if (outcome.HasReturnValue)
        {
            trace.Skip();
            cell.ShowResult(executionCount, _options.Formatters.Format(outcome.State.ReturnValue));
            trace.Lap(CellTracePhases.Format);
        }

        return Done(CellExecutionStatus.Succeeded, null, outcome.HasReturnValue, outcome.HasReturnValue ? outcome.State.ReturnValue : null);
    }

    /// <summary>
    /// The cell as the next submission of the chain. A submission inherits the references of the submissions before it,
    /// so a continuation is given only the references the chain does not have yet (a package restored since). Handing
    /// every submission the whole set again (about 170 framework assemblies) makes Roslyn bind each one per submission and
    /// keep it alive through the chain: the heap grew with the square of the cell count (1.2 GB after 600 trivial cells;
    /// 40 MB this way).
    /// </summary>
    private Script<object> CreateScript(string code, ScriptOptions options, ScriptState<object>? previous) => previous is null
        ? CSharpScript.Create(code, options, typeof(NotebookGlobals), _packages.AssemblyLoader)
        : previous.Script.ContinueWith(code, options.WithReferences(options.MetadataReferences.Where(r => !_chainReferences.Contains(r))));

    private void RegisterSubmission(string className, int cellNumber)
    {
        lock (_submissionCells)
        {
            _submissionCells[className] = cellNumber;
        }
    }

    private static void ObserveLater(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>
    /// Once the session references Plotly.NET (a <c>#:project</c> closure or a package brought it), the browser for the
    /// charts' PNGs starts in the background with its plotly.js page, so that it is ready by the first chart instead of
    /// starting then (the images wait after a notebook's last cell was 0.75-3.3 s). A <c>#r</c> of Plotly.NET.dll starts
    /// it once the cell has compiled. Not with images off (<see cref="Formatting.Known.ChartImages.StartEarly"/>).
    /// </summary>
    private void StartChartBrowserEarly(IEnumerable<MetadataReference> references)
    {
        if (Charts.Images.Started)
        {
            return;
        }

        var plotly = references.OfType<PortableExecutableReference>()
            .Select(r => r.FilePath)
            .FirstOrDefault(p => p is not null && string.Equals(Path.GetFileName(p), Formatting.Known.PlotlyChartRenderer.AssemblyFileName, StringComparison.OrdinalIgnoreCase));
        if (plotly is not null)
        {
            Charts.Images.StartEarly(() => Formatting.Known.PlotlyChartRenderer.BundledPlotlyJs(plotly));
        }
    }

    /// <summary>The session's chart state (element ids, its browser for PNGs).</summary>
    internal Formatting.Known.SessionChartState Charts => _options.Formatters.Charts;

    /// <summary>
    /// Completes when the outputs the session still owes its cells (charts' PNGs) have been sent as display updates, or
    /// after <paramref name="timeout"/>; true when all were sent. A headless run waits for this before it writes the notebook.
    /// </summary>
    public Task<bool> WhenOutputsCompleteAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _pendingOutputs.WhenAllAsync(timeout, cancellationToken);

    /// <summary>Ends the session's browser (charts' PNGs) and frees the session.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Bounded: the browser's own close waits at most a few seconds before it is killed.
        _options.Formatters.Charts.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(15));
        _gate.Dispose();
        _packages.Dispose();
        _state = null;
    }

}
