namespace Barometer.Kernel.Execution;

/// <summary>How running C# (or a cell's steps) ended: what <see cref="CellExecutionResult"/> is made of.</summary>
internal sealed record CodeOutcome(CellExecutionStatus Status, CellError? Error, bool HasReturnValue = false, object? ReturnValue = null);
