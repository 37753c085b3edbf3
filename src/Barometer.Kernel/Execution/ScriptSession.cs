using System.Diagnostics;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// A C# notebook session: cells run one after another against one Roslyn <see cref="ScriptState"/>, so
/// variables, types and <c>using</c>s carry over. The first successful submission is started with
/// <see cref="Script.RunAsync(object, Func{Exception, bool}, CancellationToken)"/>, later ones continue the chain
/// (<see cref="Script.ContinueWith(string, ScriptOptions)"/> + <c>RunFromAsync</c>). A cell that does not compile
/// leaves the state as it was; exceptions are caught (<c>catchException</c>) so a failed cell keeps the previous
/// state and its own declarations. Console output, <c>display(...)</c> and the trailing expression become
/// nbformat outputs. Not thread-safe for concurrent calls (cells are sequential by nature); calls are serialised.
/// </summary>
public sealed class ScriptSession : IDisposable
{
    private readonly ScriptSessionOptions _options;
    private readonly ScriptEnvironment _environment;
    private readonly ScriptOptions _scriptOptions;
    private readonly NotebookGlobals _globals;
    private readonly string _pathPrefix;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, int> _submissionCells = new(StringComparer.Ordinal);
    private readonly PackageService _packages;
    private ScriptState<object>? _state;
    private int _executionCount;
    private bool _disposed;

    /// <summary>Creates a session (cheap; compilation happens per cell).</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        _options = options ?? new ScriptSessionOptions();
        _environment = _options.Environment ?? ScriptEnvironment.Shared;
        var baseDirectory = Path.GetFullPath(_options.BaseDirectory ?? Directory.GetCurrentDirectory());
        _scriptOptions = _environment.CreateOptions(baseDirectory);
        _globals = new NotebookGlobals(_options.Formatters);
        var documentName = string.IsNullOrWhiteSpace(_options.DocumentName) ? "notebook" : Path.GetFileName(_options.DocumentName);
        _pathPrefix = Path.Combine(baseDirectory, documentName);
        _packages = new PackageService(new PackageServiceOptions
        {
            BaseDirectory = baseDirectory,
            CacheDirectory = _options.PackageCacheDirectory,
            Progress = _options.PackageProgress,
        });
    }

    /// <summary>How many cells have been submitted (the last execution count).</summary>
    public int ExecutionCount => _executionCount;

    /// <summary>The session's settings.</summary>
    public ScriptSessionOptions Options => _options;

    /// <summary>The session's NuGet packages (<c>#r "nuget:…"</c>): what is loaded, how many restores ran.</summary>
    public PackageService Packages => _packages;

    // Hooks for the language services (completion, inspection): the state after the last cell that compiled,
    // and the options the next cell compiles with (the environment's references plus the loaded packages').
    internal ScriptState<object>? CurrentState => _state;

    internal ScriptOptions NextCellOptions => _scriptOptions.AddReferences(_packages.References);

    /// <summary>Runs a C# cell.</summary>
    public Task<CellExecutionResult> ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new CellSubmission(code), cancellationToken);

    /// <summary>
    /// Runs one cell. Errors (compile errors, exceptions, timeouts, unsupported cells) are returned in the
    /// result, never thrown; only cancellation through <paramref name="cancellationToken"/> throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<CellExecutionResult> ExecuteAsync(CellSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ExecuteCoreAsync(submission, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The current value of a script variable (the latest declaration of that name).</summary>
    public bool TryGetVariable(string name, out object? value)
    {
        var variable = _state?.GetVariable(name);
        value = variable?.Value;
        return variable is not null;
    }

    private async Task<CellExecutionResult> ExecuteCoreAsync(CellSubmission submission, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var executionCount = ++_executionCount;
        var location = new CellLocation(submission.CellNumber ?? executionCount, executionCount, submission.Code);

        var prepared = SubmissionPreprocessor.Prepare(submission.Code, submission.KernelName);
        if (prepared.Error is not null)
        {
            return Failed(executionCount, [], ErrorReporter.FromPreparation(prepared.Error, location), stopwatch);
        }

        var collector = new OutputCollector(_options.Formatters);
        if (prepared.Packages.Count > 0)
        {
            // #r "nuget:…" / #i "nuget:…": restored and loaded before the cell's code compiles against them.
            var packages = await _packages.AddAsync(prepared.Packages, line => collector.WriteStream("stdout", line + "\n"), cancellationToken).ConfigureAwait(false);
            if (packages.Failure is { } packageFailure)
            {
                var error = ErrorReporter.FromPackageFailure(packageFailure, location);
                var outputs = collector.Close();
                outputs.Add(error.ToOutput());
                return Failed(executionCount, outputs, error, stopwatch);
            }
        }

        if (string.IsNullOrWhiteSpace(prepared.Code))
        {
            return new CellExecutionResult { ExecutionCount = executionCount, Status = CellExecutionStatus.Succeeded, Outputs = collector.Close(), Duration = stopwatch.Elapsed };
        }

        var timeout = submission.Timeout ?? _options.CellTimeout;
        var previous = _state;
        var options = NextCellOptions.WithFilePath(_pathPrefix + ErrorReporter.CellPathMarker + location.CellNumber);

        // Compile and run off the caller's thread: script code runs synchronously until its first await, and a
        // busy loop must not keep the timeout from firing. The timeout measures execution only: it starts once
        // the submission has compiled (a cold Roslyn compile alone can take seconds).
        var compiled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(() => CompileAndRunAsync(prepared.Code, options, previous, collector, location, compiled, cancellationToken), CancellationToken.None);
        await Task.WhenAny(compiled.Task, run).ConfigureAwait(false);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timeoutCts.Token);
        var finished = await Task.WhenAny(run, delay).ConfigureAwait(false);
        await timeoutCts.CancelAsync().ConfigureAwait(false);

        if (finished != run)
        {
            var outputs = collector.Close();
            cancellationToken.ThrowIfCancellationRequested();

            // The abandoned code may keep running (threads cannot be aborted); its later output is dropped and
            // the session continues from the state before this cell.
            ObserveLater(run);
            var error = ErrorReporter.Timeout(timeout, location);
            outputs.Add(error.ToOutput());
            return new CellExecutionResult
            {
                ExecutionCount = executionCount,
                Status = CellExecutionStatus.TimedOut,
                Outputs = outputs,
                Error = error,
                Duration = stopwatch.Elapsed,
            };
        }

        RunOutcome outcome;
        try
        {
            outcome = await run.ConfigureAwait(false);
        }
        catch (CompilationErrorException ex) when (ex.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // Errors found only when emitting (after Compile() reported none).
            var failure = ErrorReporter.FromDiagnostics(ex.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), location);
            var partial = collector.Close();
            partial.Add(failure.ToOutput());
            return Failed(executionCount, partial, failure, stopwatch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Roslyn itself failed (e.g. an unreadable #r file); report it like an exception of the cell.
            var failure = ErrorReporter.FromException(ex, location, _submissionCells);
            var partial = collector.Close();
            partial.Add(failure.ToOutput());
            return Failed(executionCount, partial, failure, stopwatch);
        }

        var cellOutputs = collector.Close();
        if (outcome.CompileError is not null)
        {
            cellOutputs.Add(outcome.CompileError.ToOutput());
            return Failed(executionCount, cellOutputs, outcome.CompileError, stopwatch);
        }

        _state = outcome.State;
        if (outcome.State!.Exception is { } exception)
        {
            var error = ErrorReporter.FromException(exception, location, _submissionCells);
            cellOutputs.Add(error.ToOutput());
            return Failed(executionCount, cellOutputs, error, stopwatch);
        }

        if (outcome.HasReturnValue)
        {
            cellOutputs.Add(CellOutput.ExecuteResult(executionCount, _options.Formatters.Format(outcome.State.ReturnValue)));
        }

        return new CellExecutionResult
        {
            ExecutionCount = executionCount,
            Status = CellExecutionStatus.Succeeded,
            Outputs = cellOutputs,
            HasReturnValue = outcome.HasReturnValue,
            ReturnValue = outcome.HasReturnValue ? outcome.State.ReturnValue : null,
            Duration = stopwatch.Elapsed,
        };
    }

    private async Task<RunOutcome> CompileAndRunAsync(
        string code,
        ScriptOptions options,
        ScriptState<object>? previous,
        OutputCollector collector,
        CellLocation location,
        TaskCompletionSource compiled,
        CancellationToken cancellationToken)
    {
        var script = previous is null
            ? CSharpScript.Create(code, options, typeof(NotebookGlobals), _packages.AssemblyLoader)
            : previous.Script.ContinueWith(code, options);

        var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            return new RunOutcome(null, false, ErrorReporter.FromDiagnostics(errors, location));
        }

        if (SubmissionAnalysis.ScriptClassName(script) is { } className)
        {
            lock (_submissionCells)
            {
                _submissionCells[className] = location.CellNumber;
            }
        }

        var hasReturnValue = SubmissionAnalysis.HasTrailingExpression(script);
        compiled.TrySetResult();

        // Everything the cell's code does from here on (including tasks and threads it starts) writes to this
        // cell's collector: the AsyncLocal flows with the execution context.
        ConsoleRouter.EnsureInstalled();
        OutputCollector.Current = collector;
        try
        {
            var state = previous is null
                ? await script.RunAsync(_globals, static _ => true, cancellationToken).ConfigureAwait(false)
                : await script.RunFromAsync(previous, static _ => true, cancellationToken).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new RunOutcome(state, hasReturnValue, null);
        }
        finally
        {
            OutputCollector.Current = null;
        }
    }

    private static CellExecutionResult Failed(int executionCount, IReadOnlyList<CellOutput> outputs, CellError error, Stopwatch stopwatch) => new()
    {
        ExecutionCount = executionCount,
        Status = CellExecutionStatus.Failed,
        Outputs = outputs.Count == 0 ? [error.ToOutput()] : outputs,
        Error = error,
        Duration = stopwatch.Elapsed,
    };

    private static void ObserveLater(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gate.Dispose();
        _packages.Dispose();
        _state = null;
    }

    private sealed record RunOutcome(ScriptState<object>? State, bool HasReturnValue, CellError? CompileError);
}
