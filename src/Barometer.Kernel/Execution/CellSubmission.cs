namespace Barometer.Kernel.Execution;

/// <summary>One cell to run.</summary>
/// <param name="Code">The cell's source.</param>
public sealed record CellSubmission(string Code)
{
    /// <summary>1-based position of the cell among all cells of the notebook, for messages and stack traces. Null: the execution count is used.</summary>
    public int? CellNumber { get; init; }

    /// <summary>The cell's kernel (from metadata); null or a C# name runs it, anything else is reported as unsupported.</summary>
    public string? KernelName { get; init; }

    /// <summary>Overrides the session's <see cref="ScriptSessionOptions.CellTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// False: the cell does not get a new execution count (Jupyter's <c>store_history</c>); it reports the
    /// session's current count.
    /// </summary>
    public bool StoreHistory { get; init; } = true;

    /// <summary>
    /// Answers the cell's <c>Console.ReadLine()</c> (arguments: prompt, whether it is a password); null: the cell
    /// gets an <see cref="InvalidOperationException"/> saying the host accepts no input. Needs
    /// <see cref="ConsoleCapture.Install"/>. May block (it runs on the cell's thread).
    /// </summary>
    public Func<string, bool, string>? Input { get; init; }
}
