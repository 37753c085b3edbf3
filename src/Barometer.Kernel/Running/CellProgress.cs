namespace Barometer.Kernel.Running;

/// <summary>Stages reported for a cell.</summary>
public enum CellProgressStage
{
    /// <summary>The cell is about to run.</summary>
    Started,

    /// <summary>The cell ran successfully.</summary>
    Succeeded,

    /// <summary>The cell failed (see <see cref="CellProgress.Message"/>).</summary>
    Failed,

    /// <summary>The cell failed as its <c>raises-exception</c> tag allows.</summary>
    FailedAsExpected,

    /// <summary>The cell exceeded its timeout.</summary>
    TimedOut,

    /// <summary>The cell is tagged <c>skip-execution</c>.</summary>
    Skipped,

    /// <summary>A remark about the whole notebook (an undeclared parameter, …) in <see cref="CellProgress.Message"/>; not about one cell.</summary>
    Warning,
}

/// <summary>Progress of one code cell of a notebook run.</summary>
/// <param name="NotebookPath">The notebook being run.</param>
/// <param name="CellNumber">1-based position of the cell among all cells.</param>
/// <param name="CellCount">Number of cells of the notebook (all types).</param>
/// <param name="Stage">What happened.</param>
/// <param name="ExecutionCount">The execution count given to the cell, once known.</param>
/// <param name="Duration">How long it took, once finished.</param>
/// <param name="SourcePreview">The cell's first non-blank line, shortened.</param>
/// <param name="Message">The error (ename: evalue) for failures.</param>
public sealed record CellProgress(
    string NotebookPath,
    int CellNumber,
    int CellCount,
    CellProgressStage Stage,
    int? ExecutionCount,
    TimeSpan? Duration,
    string SourcePreview,
    string? Message)
{
    /// <summary>Where a finished cell's time went in the kernel, phase by phase, when the kernel says (this project's kernel does).</summary>
    public Execution.CellTrace? Trace { get; init; }
}
