using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Execution;

/// <summary>How a cell's execution ended.</summary>
public enum CellExecutionStatus
{
    /// <summary>The cell ran to completion.</summary>
    Succeeded,

    /// <summary>The cell did not compile, threw, or could not run (see <see cref="CellError.Kind"/>).</summary>
    Failed,

    /// <summary>The cell did not finish within its timeout.</summary>
    TimedOut,

    /// <summary>The cell was interrupted (<see cref="ScriptSession.Interrupt"/>): it stopped at its cancellation token, or was abandoned.</summary>
    Interrupted,

    /// <summary>The kernel process running the cell ended (the cell called <c>Environment.Exit</c>, overflowed its stack, ran out of memory, …).</summary>
    KernelDied,
}

/// <summary>The kinds of cell errors.</summary>
public enum CellErrorKind
{
    /// <summary>The C# did not compile.</summary>
    Compilation,

    /// <summary>The code threw an exception.</summary>
    Exception,

    /// <summary>The cell exceeded its timeout.</summary>
    Timeout,

    /// <summary>The cell was interrupted.</summary>
    Interrupted,

    /// <summary>The kernel process died while running the cell.</summary>
    KernelDied,

    /// <summary>The cell is in a language other than C#.</summary>
    UnsupportedLanguage,

    /// <summary>A <c>#r "nuget:..."</c> / <c>#i "nuget:..."</c> directive failed (unknown package or version, unreachable feed, version conflict).</summary>
    NuGetReference,

    /// <summary>The cell uses a Polyglot magic command this kernel does not support.</summary>
    UnsupportedDirective,

    /// <summary>A <c>#:project</c> directive failed (no such project, a build error, an output that cannot be loaded).</summary>
    ProjectReference,
}

/// <summary>An error of one cell, in the shape of an nbformat <c>error</c> output.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="EName">The error name (exception type name, <c>CompilationError</c>, …).</param>
/// <param name="EValue">One-line description, starting with the cell number (and line where known).</param>
/// <param name="Traceback">Lines with the details: cell, execution count, location, stack frames mapped to cells.</param>
/// <param name="Line">1-based line in the cell where the error is, when known.</param>
/// <param name="Column">1-based column in the cell, when known.</param>
public sealed record CellError(CellErrorKind Kind, string EName, string EValue, IReadOnlyList<string> Traceback, int? Line = null, int? Column = null)
{
    /// <summary>The nbformat output for this error.</summary>
    public CellOutput ToOutput() => CellOutput.Error(EName, EValue, Traceback);
}

/// <summary>The result of running one cell.</summary>
public sealed record CellExecutionResult
{
    /// <summary>The execution count given to this cell (1 for the first cell run in the session, …).</summary>
    public required int ExecutionCount { get; init; }

    /// <summary>How it ended.</summary>
    public required CellExecutionStatus Status { get; init; }

    /// <summary>nbformat outputs in order: streams and displays as produced, then the result or the error.</summary>
    public required IReadOnlyList<CellOutput> Outputs { get; init; }

    /// <summary>The error, unless <see cref="Status"/> is <see cref="CellExecutionStatus.Succeeded"/>.</summary>
    public CellError? Error { get; init; }

    /// <summary>True when the cell ended with an expression (its value is <see cref="ReturnValue"/>).</summary>
    public bool HasReturnValue { get; init; }

    /// <summary>The value of the cell's trailing expression.</summary>
    public object? ReturnValue { get; init; }

    /// <summary>Compile plus run time.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when the cell succeeded.</summary>
    public bool Succeeded => Status == CellExecutionStatus.Succeeded;
}
