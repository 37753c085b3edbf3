using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Running;

/// <summary>
/// The kernel a notebook run talks to, as nbclient talks to a kernel manager: it runs one cell at a time and reports
/// what happens as <see cref="CellEvent"/>s, the same events whether the session lives in this process
/// (<see cref="InProcessKernel"/>) or in a kernel process driven over the Jupyter protocol (<see cref="JupyterKernel"/>).
/// </summary>
internal interface INotebookKernel : IAsyncDisposable
{
    /// <summary>
    /// Runs one cell, calling <paramref name="onEvent"/> for each event as it happens. Cell failures (compile errors,
    /// exceptions, timeouts, a kernel that died) are returned in the <see cref="CellRun"/>, never thrown.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<CellRun> ExecuteAsync(CellRequest request, Action<CellEvent> onEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until the outputs the kernel still owes finished cells (charts' PNGs)
    /// have reached their cells' <c>onEvent</c> as <see cref="DisplayUpdated"/> events. A runner calls it before it
    /// writes the notebook. The default has nothing to wait for.
    /// </summary>
    Task WaitForPendingOutputsAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>One cell to run in a notebook.</summary>
/// <param name="Code">The cell's source.</param>
/// <param name="CellNumber">1-based position among all cells of the notebook (names the cell in errors).</param>
/// <param name="CellId">The nbformat cell id, when the notebook has one.</param>
/// <param name="KernelName">The cell's own kernel from its metadata (Polyglot notebooks), or null.</param>
/// <param name="Timeout">How long the cell may run; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit.</param>
public sealed record CellRequest(string Code, int CellNumber, string? CellId, string? KernelName, TimeSpan Timeout);

/// <summary>How a cell's run ended.</summary>
/// <param name="Status">Succeeded, failed, timed out, interrupted, or the kernel died.</param>
/// <param name="ExecutionCount">The execution count the kernel gave the cell (null if it never started).</param>
/// <param name="Error">The error, unless it succeeded.</param>
public sealed record CellRun(CellExecutionStatus Status, int? ExecutionCount, CellError? Error)
{
    /// <summary>True when the cell succeeded.</summary>
    public bool Succeeded => Status == CellExecutionStatus.Succeeded;

    /// <summary>True when the kernel cannot run further cells (its process ended).</summary>
    public bool KernelLost => Status == CellExecutionStatus.KernelDied;

    /// <summary>Where the cell's time went in the kernel, when the kernel says (this project's kernel does).</summary>
    public CellTrace? Trace { get; init; }
}
