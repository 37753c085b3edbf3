using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting;
using Barometer.Kernel.Protocol;

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
    /// The kernel process to run the notebook in, as a kernelspec argv (<c>{connection_file}</c> is replaced):
    /// one process per notebook, driven over the Jupyter protocol, so a cell that exits, overflows its stack or runs
    /// out of memory ends its own notebook only. Null (default): a session in this process
    /// (<see cref="InProcessKernel"/>), for embedding hosts and tests.
    /// </summary>
    public KernelStartInfo? Kernel { get; init; }

    /// <summary>
    /// The kernel process's working directory, so relative file paths in cells behave as in VS Code and Jupyter.
    /// Null (default): the notebook's folder. Applies to <see cref="Kernel"/> processes; an in-process run never
    /// changes this process's working directory. <c>#r</c> and <c>#load</c> always resolve relative to the
    /// notebook's folder.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Notebook- and cell-metadata key under which the run records parameters, timing and status (default
    /// <c>notebook_runner</c>, as papermill records under <c>papermill</c>).
    /// </summary>
    public string MetadataKey { get; init; } = Documents.JupyterJson.RunnerMetadataKey;

    /// <summary>A parameter the notebook does not declare is an error rather than a warning (<c>--strict-parameters</c>).</summary>
    public bool StrictParameters { get; init; }

    /// <summary>How values are rendered (default: <see cref="FormatterSet.Default"/>).</summary>
    public FormatterSet Formatters { get; init; } = FormatterSet.Default;

    /// <summary>References and imports; null uses <see cref="ScriptEnvironment.Shared"/> (fastest across notebooks).</summary>
    public ScriptEnvironment? Environment { get; init; }

    /// <summary>
    /// Progress of <c>#r "nuget:…"</c> restores in an in-process session, for a terminal (cells get their own stream
    /// lines either way). A kernel process reports them in its log instead (<see cref="KernelLog"/>).
    /// </summary>
    public IProgress<Packages.PackageProgress>? PackageProgress { get; init; }

    /// <summary>Folder of the restore projects of an in-process session; null: <see cref="Packages.PackageCache.DefaultDirectory"/> (a kernel process reads <c>BAROMETER_KERNEL_PACKAGE_CACHE</c>).</summary>
    public string? PackageCacheDirectory { get; init; }

    /// <summary>
    /// Each line a <see cref="Kernel"/> process writes to its log (standard error) as it comes: package restores
    /// (<c>packages: Restoring MathNet.Numerics 5.0.0…</c>), warnings. Called on a reader thread; must be quick.
    /// </summary>
    public Action<string>? KernelLog { get; init; }
}
