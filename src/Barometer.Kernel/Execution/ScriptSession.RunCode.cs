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

/// <summary>Running one part of a cell's C#: its projects and packages, the compile, the run and the value.</summary>
public sealed partial class ScriptSession
{
    /// <summary>
    /// The cell being run, as every part of it is run: its submission, where it is (for errors), where its events go, its
    /// trace, its execution count, and the user's interrupt beside the host's cancellation.
    /// </summary>
    private sealed record CellRunContext(
        CellSubmission Submission,
        CellLocation Location,
        Action<CellEvent> Emit,
        CellTraceRecorder Trace,
        int ExecutionCount,
        CancellationToken Interrupt,
        CancellationToken CancellationToken);

    /// <summary>Runs C# (a whole cell, or one part of a cell with magic commands): projects, packages, compile, run, value.</summary>
    private async Task<CodeOutcome> RunCodeAsync(PreparedSubmission prepared, CellRunContext context)
    {
        var (submission, location, emit, trace, executionCount, interrupt, cancellationToken) = context;
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
}
