using Barometer.Kernel.Execution;

namespace Barometer.Cli.Notebooks;

/// <summary>What <c>barometer notebooks run</c> was asked to do.</summary>
internal sealed record NotebookRunSettings(
    IReadOnlyList<string> Paths,
    string? OutputDirectory,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    bool AllowErrors,
    bool InPlace,
    TimeSpan CellTimeout)
{
    /// <summary>The command line that starts a kernel process (<c>{connection_file}</c> for its connection file).</summary>
    public IReadOnlyList<string> KernelArgv { get; init; } = [];

    /// <summary>How many notebooks run at once.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>Undeclared parameters are errors.</summary>
    public bool StrictParameters { get; init; }

    /// <summary>Print each cell's phases and each notebook's totals.</summary>
    public bool Trace { get; init; }

    /// <summary>The characters a cell's output may hold (0: no limit).</summary>
    public int OutputLimit { get; init; } = ScriptSessionOptions.DefaultOutputLimit;

    /// <summary>Full values of cut outputs go beside each executed notebook.</summary>
    public bool FullOutputs { get; init; }
}
