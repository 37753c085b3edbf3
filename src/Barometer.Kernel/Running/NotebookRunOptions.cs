using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Running;

/// <summary>
/// Everything that controls one notebook run (<see cref="NotebookRunner.RunAsync"/>). This is the single
/// place these settings are declared; the CLI maps its options onto it.
/// </summary>
public sealed record NotebookRunOptions
{
    /// <summary>
    /// Longest time one cell may run, counted once the cell has compiled (default 10 minutes,
    /// <see cref="ScriptSessionOptions.DefaultCellTimeout"/>).
    /// A cell that exceeds it gets a <c>TimeoutException</c> error output and the run stops, whatever
    /// <see cref="AllowErrors"/> says, because the abandoned code may still be running.
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables the limit.
    /// </summary>
    public TimeSpan CellTimeout { get; init; } = ScriptSessionOptions.DefaultCellTimeout;

    /// <summary>
    /// Keep executing after a cell fails (compile error, exception, unsupported cell); the run is still reported
    /// as failed. Default false: execution stops at the first error, like papermill and nbclient. Cells tagged
    /// <c>raises-exception</c> may fail without stopping or failing the run either way.
    /// </summary>
    public bool AllowErrors { get; init; }

    /// <summary>
    /// Parameter values (<c>-p NAME VALUE</c>) injected papermill-style after the cell tagged <c>parameters</c>;
    /// see <see cref="Parameters.ParameterInjector"/>. The last value of a repeated name wins.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>
    /// Where the executed notebook is written (temp file, then rename). Its extension picks the format;
    /// use <c>.ipynb</c> to keep outputs (a <c>.dib</c> file cannot hold them). Required unless
    /// <see cref="InPlace"/> is set.
    /// </summary>
    public string? OutputPath { get; init; }

    /// <summary>Write the executed notebook over the input file (ignored when <see cref="OutputPath"/> is set). Default false: sources are never modified.</summary>
    public bool InPlace { get; init; }

    /// <summary>
    /// Current directory while the notebook runs, so relative file paths in cells behave as in VS Code and
    /// Jupyter. Null (default): the notebook's folder. The process-wide current directory is changed for the
    /// run and restored afterwards; runs in one process are serialised while they hold it.
    /// <c>#r</c> and <c>#load</c> always resolve relative to the notebook's folder.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How values are rendered (default: <see cref="FormatterSet.Default"/>).</summary>
    public FormatterSet Formatters { get; init; } = FormatterSet.Default;

    /// <summary>References and imports; null uses <see cref="ScriptEnvironment.Shared"/> (fastest across notebooks).</summary>
    public ScriptEnvironment? Environment { get; init; }

    /// <summary>Progress of <c>#r "nuget:…"</c> restores, for a terminal (cells get their own stream lines either way).</summary>
    public IProgress<Packages.PackageProgress>? PackageProgress { get; init; }

    /// <summary>Folder of the restore projects; null: <see cref="Packages.PackageCache.DefaultDirectory"/>.</summary>
    public string? PackageCacheDirectory { get; init; }
}
