using System.Globalization;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Where a cell's time went, phase by phase in the order the phases ran (see <see cref="CellTracePhases"/> for their
/// names). The kernel sends it in the <c>execute_reply</c>'s metadata (<see cref="MetadataKey"/>), so a front end that
/// asks (<c>barometer notebooks run --trace</c>) can print it; other front ends ignore it.
/// </summary>
/// <param name="Phases">The phases that ran, in order.</param>
public sealed record CellTrace(IReadOnlyList<TracePhase> Phases)
{
    /// <summary>The <c>execute_reply</c> metadata field that carries the trace.</summary>
    public const string MetadataKey = "roslyn_csharp_trace";

    /// <summary>The sum of the phases' durations.</summary>
    public TimeSpan Total => TimeSpan.FromTicks(Phases.Sum(p => p.Duration.Ticks));

    /// <summary>The trace as JSON: <c>[{"phase", "ms", "jit_ms", "assemblies_loaded"}, …]</c>.</summary>
    public JsonArray ToJson()
    {
        var array = new JsonArray();
        foreach (var phase in Phases)
        {
            array.Add(new JsonObject
            {
                ["phase"] = phase.Name,
                ["ms"] = Milliseconds(phase.Duration),
                ["jit_ms"] = Milliseconds(phase.JitTime),
                ["assemblies_loaded"] = phase.AssembliesLoaded,
            });
        }

        return array;
    }

    /// <summary>Reads a trace written by <see cref="ToJson"/>; null when <paramref name="json"/> is not one.</summary>
    public static CellTrace? FromJson(JsonNode? json)
    {
        if (json is not JsonArray array)
        {
            return null;
        }

        var phases = new List<TracePhase>();
        foreach (var item in array)
        {
            if (item is not JsonObject phase || phase["phase"] is not JsonValue name || !name.TryGetValue<string>(out var phaseName))
            {
                return null;
            }

            phases.Add(new TracePhase(phaseName, FromMilliseconds(phase["ms"]), FromMilliseconds(phase["jit_ms"]), (int)Number(phase["assemblies_loaded"])));
        }

        return new CellTrace(phases);
    }

    /// <summary>One line: <c>compile 12.3 ms, run 40.1 ms (JIT 30.2 ms, 3 assemblies loaded), …</c>.</summary>
    public override string ToString() => string.Join(", ", Phases.Select(p => p.ToString()));

    /// <summary>A duration as people read it: <c>12.3 ms</c> below a second, <c>1.25 s</c> above.</summary>
    public static string Format(TimeSpan span) => span.TotalMilliseconds >= 1000
        ? span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : span.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static double Milliseconds(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);

    private static TimeSpan FromMilliseconds(JsonNode? node) => TimeSpan.FromMilliseconds(Number(node));

    private static double Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : 0;
}

/// <summary>One phase of a cell's run.</summary>
/// <param name="Name">What ran (one of <see cref="CellTracePhases"/>).</param>
/// <param name="Duration">Wall-clock time of the phase.</param>
/// <param name="JitTime">Time the process spent JIT-compiling methods during the phase (all threads).</param>
/// <param name="AssembliesLoaded">Assemblies the process loaded during the phase (the cell's own included).</param>
public sealed record TracePhase(string Name, TimeSpan Duration, TimeSpan JitTime, int AssembliesLoaded)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var details = new List<string>();
        if (JitTime >= TimeSpan.FromMilliseconds(0.05))
        {
            details.Add("JIT " + CellTrace.Format(JitTime));
        }

        if (AssembliesLoaded > 0)
        {
            details.Add(AssembliesLoaded == 1 ? "1 assembly loaded" : $"{AssembliesLoaded} assemblies loaded");
        }

        return details.Count == 0 ? $"{Name} {CellTrace.Format(Duration)}" : $"{Name} {CellTrace.Format(Duration)} ({string.Join(", ", details)})";
    }
}

/// <summary>The names of a cell's phases, in the order they run (a phase that has nothing to do is left out).</summary>
public static class CellTracePhases
{
    /// <summary>Reading the cell's directives (<c>#!csharp</c>, <c>#r "nuget:…"</c>, <c>#:project</c>, …) off its code.</summary>
    public const string Preprocess = "preprocess";

    /// <summary>Building and loading the cell's <c>#:project</c>s.</summary>
    public const string Projects = "projects";

    /// <summary>Restoring and loading the cell's NuGet packages.</summary>
    public const string Packages = "packages";

    /// <summary>Waiting for the compiler's background warm-up to end (a first cell only).</summary>
    public const string WarmUp = "warm-up";

    /// <summary>Parsing the code into a submission of the session's script chain.</summary>
    public const string Parse = "parse";

    /// <summary>Binding, emitting IL and debug information, and loading the cell's assembly (one pass of Roslyn's).</summary>
    public const string Compile = "compile";

    /// <summary>Running the cell's code: with the loading and JIT-compiling of the libraries it calls, and its <c>display(...)</c>s.</summary>
    public const string Run = "run";

    /// <summary>Formatting the cell's value into its MIME bundle.</summary>
    public const string Format = "format";

    /// <summary>The names in the order they run.</summary>
    public static IReadOnlyList<string> InOrder { get; } = [Preprocess, Projects, Packages, WarmUp, Parse, Compile, Run, Format];
}
