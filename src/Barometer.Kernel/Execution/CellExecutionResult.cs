using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Execution;

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
