using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Execution;

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
