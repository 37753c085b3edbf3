using System.Diagnostics;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Records a cell's phases as laps: each <see cref="Lap"/> closes the phase that ran since the previous lap, with its wall
/// time, the process's JIT time (<see cref="System.Runtime.JitInfo"/>) and the number of assemblies loaded meanwhile.
/// Reads process counters only; changes nothing. Laps come one after another (the phases of one cell are sequential),
/// possibly from different threads.
/// </summary>
internal sealed class CellTraceRecorder
{
    private readonly List<TracePhase> _phases = [];
    private readonly object _gate = new();
    private long _lapStart = Stopwatch.GetTimestamp();
    private TimeSpan _jitAtLap = System.Runtime.JitInfo.GetCompilationTime();
    private int _assembliesAtLap = AssemblyCount();

    /// <summary>Ends the phase <paramref name="name"/> now.</summary>
    public void Lap(string name)
    {
        var now = Stopwatch.GetTimestamp();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var assemblies = AssemblyCount();
        lock (_gate)
        {
            _phases.Add(new TracePhase(name, Stopwatch.GetElapsedTime(_lapStart, now), jit - _jitAtLap, Math.Max(0, assemblies - _assembliesAtLap)));
            _lapStart = now;
            _jitAtLap = jit;
            _assembliesAtLap = assemblies;
        }
    }

    /// <summary>Starts the next phase now, leaving the time since the last lap out of the trace.</summary>
    public void Skip()
    {
        lock (_gate)
        {
            _lapStart = Stopwatch.GetTimestamp();
            _jitAtLap = System.Runtime.JitInfo.GetCompilationTime();
            _assembliesAtLap = AssemblyCount();
        }
    }

    /// <summary>The phases recorded so far.</summary>
    public CellTrace ToTrace()
    {
        lock (_gate)
        {
            return new CellTrace([.. _phases]);
        }
    }

    private static int AssemblyCount() => LoadedAssemblies.Count;

    /// <summary>
    /// How many assemblies the process has loaded, counted as they load: a cell's trace reads it at every lap (about ten
    /// times a cell), and <see cref="AppDomain.GetAssemblies"/> copies the whole list each time, which grows by one
    /// assembly per cell.
    /// </summary>
    private static class LoadedAssemblies
    {
        private static int _count = Start();

        public static int Count => Volatile.Read(ref _count);

        private static int Start()
        {
            AppDomain.CurrentDomain.AssemblyLoad += static (_, _) => Interlocked.Increment(ref _count);
            return AppDomain.CurrentDomain.GetAssemblies().Length;
        }
    }
}
