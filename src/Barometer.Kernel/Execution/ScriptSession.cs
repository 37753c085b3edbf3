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

        var cell = new CellRunContext(submission, location, emit, trace, executionCount, interrupt, cancellationToken);
        var outcome = prepared.Steps.Count == 0
            ? await RunCodeAsync(prepared, cell).ConfigureAwait(false)
            : await RunStepsAsync(prepared.Steps, cell).ConfigureAwait(false);
        return Finish(outcome.Status, outcome.Error, outcome.HasReturnValue, outcome.ReturnValue);
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
