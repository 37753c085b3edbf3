using Barometer.Kernel.Formatting;
using Barometer.Kernel.Packages;

namespace Barometer.Kernel.Execution;

/// <summary>Settings of one <see cref="ScriptSession"/>.</summary>
public sealed record ScriptSessionOptions
{
    /// <summary>The default per-cell timeout: 10 minutes.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Folder against which <c>#r "relative.dll"</c> and <c>#load "relative.csx"</c> resolve (the notebook's
    /// folder). Null means the current directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>A name for stack traces and messages (e.g. the notebook's file name). Null means "notebook".</summary>
    public string? DocumentName { get; init; }

    /// <summary>How values are turned into outputs.</summary>
    public FormatterSet Formatters { get; init; } = FormatterSet.Default;

    /// <summary>References and imports; share one per process (the default) for speed.</summary>
    public ScriptEnvironment? Environment { get; init; }

    /// <summary>
    /// Timeout of a cell unless the submission says otherwise, measured from the end of its compilation (so a
    /// cold Roslyn start does not count); <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>
    /// After <see cref="ScriptSession.Interrupt"/>, how long a cell may take to stop at its cancellation token
    /// before it is abandoned (default 500 ms).
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Folder of the generated restore projects for <c>#r "nuget:…"</c>; null: <see cref="PackageCache.DefaultDirectory"/>.</summary>
    public string? PackageCacheDirectory { get; init; }

    /// <summary>Progress of package restores, for a terminal (the cell's output gets its own lines either way).</summary>
    public IProgress<PackageProgress>? PackageProgress { get; init; }
}

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
