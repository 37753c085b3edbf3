namespace Barometer.Kernel.Running;

/// <summary>How a notebook run ended.</summary>
public enum NotebookRunStatus
{
    /// <summary>Every executed cell succeeded (or failed as its <c>raises-exception</c> tag allows).</summary>
    Succeeded,

    /// <summary>At least one cell failed.</summary>
    Failed,
}

/// <summary>The outcome of <see cref="NotebookRunner.RunAsync"/>.</summary>
public sealed record NotebookRunResult
{
    /// <summary>The input notebook.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the executed notebook was written (null when not written).</summary>
    public string? OutputPath { get; init; }

    /// <summary>Succeeded or failed.</summary>
    public required NotebookRunStatus Status { get; init; }

    /// <summary>Number of cells of all types.</summary>
    public int CellCount { get; init; }

    /// <summary>Number of code cells.</summary>
    public int CodeCellCount { get; init; }

    /// <summary>Code cells that were executed (successfully or not).</summary>
    public int CellsExecuted { get; init; }

    /// <summary>Executed cells that failed (including those tagged <c>raises-exception</c>).</summary>
    public int CellsFailed { get; init; }

    /// <summary>Wall-clock time of the run (load, execute, write).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>How long the kernel took to start (to answer <c>kernel_info_request</c> for a kernel process).</summary>
    public TimeSpan KernelStartup { get; init; }

    /// <summary>
    /// How long the run waited, after its last cell, for outputs the kernel still owed finished cells (charts' PNGs
    /// rendered off the cells' path).
    /// </summary>
    public TimeSpan PendingOutputsWait { get; init; }

    /// <summary>How long stopping the kernel took (its <c>shutdown_request</c> and the end of its process).</summary>
    public TimeSpan KernelShutdown { get; init; }

    /// <summary>The first failure that failed the run (null when it succeeded).</summary>
    public NotebookExecutionException? FirstError { get; init; }

    /// <summary>Non-fatal remarks (undeclared parameters, outputs dropped for a .dib output, …).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when <see cref="Status"/> is <see cref="NotebookRunStatus.Succeeded"/>.</summary>
    public bool Succeeded => Status == NotebookRunStatus.Succeeded;

    /// <summary>Throws <see cref="FirstError"/> when the run failed.</summary>
    public NotebookRunResult EnsureSuccess() => FirstError is null ? this : throw FirstError;
}
