using Barometer.Kernel.Execution;
using Barometer.Kernel.Running;

namespace Barometer.Cli.Rendering;

/// <summary>
/// The lines <c>barometer notebooks run --trace</c> prints for one notebook: per finished cell, the kernel's phases
/// (<see cref="CellTrace"/>) and the time outside them (messages and waiting between runner and kernel); at the end,
/// the kernel's start, the phases summed over the cells in the order they run, the wait for the images still owed, stopping
/// the kernel, and the rest of the run (reading, injecting and writing the notebook). Thread-safe.
/// </summary>
internal sealed class NotebookTraceText
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (TimeSpan Time, TimeSpan Jit, int Assemblies)> _totals = new(StringComparer.Ordinal);
    private TimeSpan _cells;

    /// <summary>The trace line of a finished cell, or null when there is none (not finished, or a kernel that gives no trace).</summary>
    public string? CellLine(CellProgress progress)
    {
        if (progress.Duration is not { } duration)
        {
            return null;
        }

        if (progress.Trace is not { } trace)
        {
            lock (_gate)
            {
                _cells += duration;
            }

            return progress.Stage == CellProgressStage.Skipped ? null : "trace: the kernel gave none";
        }

        lock (_gate)
        {
            _cells += duration;
            foreach (var phase in trace.Phases)
            {
                var total = _totals.GetValueOrDefault(phase.Name);
                _totals[phase.Name] = (total.Time + phase.Duration, total.Jit + phase.JitTime, total.Assemblies + phase.AssembliesLoaded);
            }
        }

        var outside = duration - trace.Total;
        return $"trace: {trace}; outside the kernel's phases {CellTrace.Format(outside < TimeSpan.Zero ? TimeSpan.Zero : outside)}";
    }

    /// <summary>The notebook's summary line.</summary>
    public string Summary(NotebookRunResult result)
    {
        lock (_gate)
        {
            var phases = _totals
                .OrderBy(p => IndexOf(p.Key))
                .Select(p => new TracePhase(p.Key, p.Value.Time, p.Value.Jit, p.Value.Assemblies).ToString());
            var rest = result.Duration - result.KernelStartup - _cells - result.PendingOutputsWait - result.KernelShutdown;
            return $"trace: {CellTrace.Format(result.Duration)} in all: kernel start {CellTrace.Format(result.KernelStartup)}; " +
                   $"cells {CellTrace.Format(_cells)} ({string.Join(", ", phases)}); " +
                   $"images {CellTrace.Format(result.PendingOutputsWait)} (waiting after the last cell for the charts' PNGs); " +
                   $"kernel stop {CellTrace.Format(result.KernelShutdown)}; " +
                   $"the rest {CellTrace.Format(rest < TimeSpan.Zero ? TimeSpan.Zero : rest)} (reading and writing the notebook)";
        }
    }

    private static int IndexOf(string phase)
    {
        var index = CellTracePhases.InOrder.ToList().IndexOf(phase);
        return index < 0 ? int.MaxValue : index;
    }
}
