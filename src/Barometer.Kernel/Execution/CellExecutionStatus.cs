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
