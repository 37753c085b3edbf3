using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Compiles and runs one submission of a session's script chain, recording its phases: parse, compile (binding, emit
/// and loading in one pass of Roslyn's) and run, and raising <see cref="CellRunning"/> between compile and run. Compile
/// errors are returned, not thrown; exceptions of the cell's code are caught into the state (<c>catchException</c>), as
/// a failed cell keeps the previous state and its declarations.
/// </summary>
internal static class SubmissionRun
{
    public static async Task<RunOutcome> CompileAndRunAsync(
        Script<object> script,
        ScriptState<object>? previous,
        NotebookGlobals globals,
        RunningCell cell,
        CellLocation location,
        TaskCompletionSource compiled,
        Action<CellEvent> emit,
        CellTraceRecorder trace,
        Action<string, int> registerSubmission,
        CancellationToken cancellationToken)
    {
        trace.Skip();
        SequentialBuild.Apply(script); // parses the cell; its methods compile on this thread (see SequentialBuild)
        trace.Lap(CellTracePhases.Parse);

        // One pass: binding, emit and loading (Roslyn caches the delegate for RunAsync). Script.Compile() does the same
        // and then, when it succeeded, binds every method body a second time only to list the warnings, which cells
        // do not show. The errors are the same either way: syntax errors when there are any (Roslyn binds nothing
        // then), else those of binding and emit.
        try
        {
            _ = script.CreateDelegate(cancellationToken);
        }
        catch (CompilationErrorException ex)
        {
            trace.Lap(CellTracePhases.Compile);
            return new RunOutcome(null, false, ErrorReporter.FromDiagnostics([.. ex.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)], location));
        }

        if (SubmissionAnalysis.ScriptClassName(script) is { } className)
        {
            registerSubmission(className, location.CellNumber);
        }

        var hasReturnValue = SubmissionAnalysis.HasTrailingExpression(script);
        trace.Lap(CellTracePhases.Compile);
        emit(new CellRunning(location.ExecutionCount)); // the cell's execute_input goes out now (see CellPublisher)
        compiled.TrySetResult();

        // Everything the cell's code does from here on (including tasks and threads it starts) belongs to this
        // cell: the AsyncLocal flows with the execution context.
        RunningCell.Current = cell;
        try
        {
            var state = previous is null
                ? await script.RunAsync(globals, static _ => true, CancellationToken.None).ConfigureAwait(false)
                : await script.RunFromAsync(previous, static _ => true, CancellationToken.None).ConfigureAwait(false);
            return new RunOutcome(state, hasReturnValue, null);
        }
        finally
        {
            RunningCell.Current = null;
            trace.Lap(CellTracePhases.Run);
        }
    }
}

/// <summary>What a submission's run gave: the state after it, or the compile error that stopped it.</summary>
internal sealed record RunOutcome(ScriptState<object>? State, bool HasReturnValue, CellError? CompileError);
