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

    /// <summary>
    /// The characters a cell's output may hold: console text, displays (an update replaces what its display held) and
    /// the result together (default <see cref="DefaultOutputLimit"/>; 0 or less: no limit). Beyond it the output is cut
    /// with a notice saying so (see <see cref="FullOutputDirectory"/>).
    /// </summary>
    public int OutputLimit { get; init; } = DefaultOutputLimit;

    /// <summary>
    /// Whether the session's first chart carries plotly.js inline (a live front end with no copy of its own); false for
    /// a headless run whose notebook is committed. Null: as <c>BAROMETER_KERNEL_INLINE_PLOTLYJS</c> says (0: no; default yes).
    /// </summary>
    public bool? InlinePlotlyJs { get; init; }

    /// <summary>The default <see cref="OutputLimit"/>: 4 Mi characters (4,194,304).</summary>
    public const int DefaultOutputLimit = 4 * 1024 * 1024;

    /// <summary>
    /// Where the full value of a cut output is written (created when first needed; null: nowhere, the notice says how
    /// to keep it): <c>cell-N-output-K.EXT</c> per MIME type of a display or result, <c>cell-N-stdout.txt</c> for the rest of a stream.
    /// </summary>
    public string? FullOutputDirectory { get; init; }

    /// <summary>Progress of package restores, for a terminal (the cell's output gets its own lines either way).</summary>
    public IProgress<PackageProgress>? PackageProgress { get; init; }
}
