using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// Where a warm trivial cell's time goes inside the kernel's process: a session's <c>1 + 1</c> cells (wall and process
/// CPU per cell, the trace's phases), and the compile phase taken apart step by step on a chain of submissions built
/// as the session builds them (parse, the reference manager's binding, declarations, method bodies, emit with and
/// without the PDB, loading).
/// </summary>
internal static class WarmCellProbe
{
    public static async Task<int> RunAsync(int cells, bool pathless = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "barometer-warm-cell");
        Directory.CreateDirectory(directory);
        await ScriptEnvironment.Shared.WarmUpAsync();
        using (var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = directory, DocumentName = "warm.ipynb" }))
        {
            for (var i = 0; i < 30; i++)
            {
                _ = await session.ExecuteAsync("1 + 1");
            }

            var wall = new List<double>();
            var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(false);
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            for (var i = 0; i < cells; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                var result = await session.ExecuteAsync("1 + 1");
                wall.Add(stopwatch.Elapsed.TotalMilliseconds);
                foreach (var phase in result.Trace?.Phases ?? [])
                {
                    if (!phases.TryGetValue(phase.Name, out var list))
                    {
                        phases[phase.Name] = list = [];
                    }

                    list.Add(phase.Duration.TotalMilliseconds);
                }
            }

            var cpuPerCell = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / cells;
            Console.WriteLine($"session: {cells} `1 + 1` cells after 30, load average {TargetsProbe.LoadAverage()}");
            Console.WriteLine($"  wall per cell median {F(Stats.Median(wall))} ms, process CPU per cell {F(cpuPerCell)} ms");
            Console.WriteLine($"  allocated per cell {F((GC.GetTotalAllocatedBytes(false) - allocated) / 1024.0 / cells)} KiB; GCs gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; GC pause per cell {F((GC.GetTotalPauseDuration() - pause).TotalMilliseconds / cells)} ms; heap {GC.GetTotalMemory(false) / 1048576} MiB");
            Console.WriteLine("  phases (median ms): " + string.Join(", ", phases.Select(p => $"{p.Key} {F(Stats.Median(p.Value))}")));
        }

        StepsOfCompile(directory, cells, pathless);
        return 0;
    }

    /// <summary>Sessions of 50 `1 + 1` cells one after another, for a profiler to watch (nothing is printed but the time).</summary>
    public static async Task<int> LoopAsync(int sessions)
    {
        var directory = Path.Combine(Path.GetTempPath(), "barometer-warm-cell");
        Directory.CreateDirectory(directory);
        await ScriptEnvironment.Shared.WarmUpAsync();
        var stopwatch = Stopwatch.StartNew();
        for (var s = 0; s < sessions; s++)
        {
            using var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = directory, DocumentName = "warm.ipynb" });
            for (var i = 0; i < 50; i++)
            {
                _ = await session.ExecuteAsync("1 + 1");
            }
        }

        Console.WriteLine($"{sessions} sessions of 50 cells: {F(stopwatch.Elapsed.TotalMilliseconds / (sessions * 50))} ms per cell");
        return 0;
    }

    /// <summary>
    /// A/B in one warm process: chains of 50 `1 + 1` submissions (CreateDelegate, then run, as the session does) compiled
    /// against the environment's references as they are (A) and against twins of them sharing their metadata without a
    /// file path (B), alternating; process CPU and allocation per cell.
    /// </summary>
    public static async Task<int> PathlessAbAsync(int pairs)
    {
        var a = ScriptEnvironment.Shared.CreateOptions(Directory.GetCurrentDirectory());
        var b = a.WithReferences(a.MetadataReferences.Select(r => r is PortableExecutableReference pe && pe.GetMetadata() is AssemblyMetadata metadata
            ? metadata.GetReference(display: pe.Display)
            : r));
        var globals = new NotebookGlobals();
        _ = await ChainAsync(a, globals);
        _ = await ChainAsync(b, globals);
        var cpuA = new List<double>();
        var cpuB = new List<double>();
        var allocA = new List<double>();
        var allocB = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            var (c, m) = await ChainAsync(a, globals);
            cpuA.Add(c);
            allocA.Add(m);
            (c, m) = await ChainAsync(b, globals);
            cpuB.Add(c);
            allocB.Add(m);
        }

        Console.WriteLine($"{pairs} pairs of 50-cell chains, load average {TargetsProbe.LoadAverage()}: CPU per cell A {F(Stats.Median(cpuA))} ms, B {F(Stats.Median(cpuB))} ms, ratio B/A {F(Stats.Median([.. cpuB.Zip(cpuA, (x, y) => x / y)]))}; KiB per cell A {F(Stats.Median(allocA))}, B {F(Stats.Median(allocB))}");
        return 0;
    }

    /// <summary>A/B: submissions compiled with concurrentBuild as Roslyn's scripting sets it (A) and without it (B, set by reflection).</summary>
    public static async Task<int> ConcurrentBuildAbAsync(int pairs)
    {
        var options = ScriptEnvironment.Shared.CreateOptions(Directory.GetCurrentDirectory());
        var globals = new NotebookGlobals();
        _ = await ChainAsync(options, globals);
        _ = await ChainAsync(options, globals, sequential: true);
        var cpuA = new List<double>();
        var cpuB = new List<double>();
        var wallA = new List<double>();
        var wallB = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            cpuA.Add((await ChainAsync(options, globals)).Cpu);
            wallA.Add(stopwatch.Elapsed.TotalMilliseconds / 50);
            stopwatch.Restart();
            cpuB.Add((await ChainAsync(options, globals, sequential: true)).Cpu);
            wallB.Add(stopwatch.Elapsed.TotalMilliseconds / 50);
        }

        Console.WriteLine($"{pairs} pairs of 50-cell chains, load average {TargetsProbe.LoadAverage()}: concurrentBuild on (A) / off (B): CPU per cell {F(Stats.Median(cpuA))} / {F(Stats.Median(cpuB))} ms (ratio {F(Stats.Median([.. cpuB.Zip(cpuA, (x, y) => x / y)]))}), wall per cell {F(Stats.Median(wallA))} / {F(Stats.Median(wallB))} ms (ratio {F(Stats.Median([.. wallB.Zip(wallA, (x, y) => x / y)]))})");
        return 0;
    }

    private static async Task<(double Cpu, double KiB)> ChainAsync(ScriptOptions options, NotebookGlobals globals, bool sequential = false)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(true);
        ScriptState<object>? state = null;
        for (var i = 0; i < 50; i++)
        {
            var cellOptions = options.WithFilePath($"bench#cell{i}");
            var script = state is null
                ? Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create("1 + 1", cellOptions, typeof(NotebookGlobals))
                : state.Script.ContinueWith("1 + 1", cellOptions.WithReferences(Array.Empty<MetadataReference>()));
            if (sequential)
            {
                var compilation = script.GetCompilation();
                LazyCompilation.SetValue(script, compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)));
            }

            _ = script.CreateDelegate();
            state = state is null ? await script.RunAsync(globals) : await script.RunFromAsync(state);
        }

        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 50, (GC.GetTotalAllocatedBytes(true) - allocated) / 1024.0 / 50);
    }

    private static void StepsOfCompile(string directory, int cells, bool pathless)
    {
        var options = ScriptEnvironment.Shared.CreateOptions(directory);
        if (pathless)
        {
            options = options.WithReferences(options.MetadataReferences.Select(r => r is PortableExecutableReference pe && pe.GetMetadata() is AssemblyMetadata metadata
                ? metadata.GetReference(display: pe.Display)
                : r));
        }

        var globals = new NotebookGlobals();
        var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string step, double ms)
        {
            if (!steps.TryGetValue(step, out var list))
            {
                steps[step] = list = [];
            }

            list.Add(ms);
        }

        ScriptState<object>? state = null;
        var context = new AssemblyLoadContext("warm-cell-probe", isCollectible: false);
        for (var i = 0; i < cells + 30; i++)
        {
            var measured = i >= 30;
            var code = "1 + 1";
            var a0 = GC.GetTotalAllocatedBytes(true);
            var stopwatch = Stopwatch.StartNew();
            var cellOptions = options.WithFilePath($"bench#cell{i}");
            var script = state is null
                ? Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create(code, cellOptions, typeof(NotebookGlobals))
                : state.Script.ContinueWith(code, cellOptions.WithReferences(Array.Empty<MetadataReference>()));
            var t0 = stopwatch.Elapsed.TotalMilliseconds;
            var a1 = GC.GetTotalAllocatedBytes(true);
            var compilation = script.GetCompilation();
            var t1 = stopwatch.Elapsed.TotalMilliseconds;
            var a2 = GC.GetTotalAllocatedBytes(true);
            _ = compilation.GetParseDiagnostics();
            var t2 = stopwatch.Elapsed.TotalMilliseconds;
            var a3 = GC.GetTotalAllocatedBytes(true);
            _ = compilation.Assembly; // the reference manager's binding
            var t3 = stopwatch.Elapsed.TotalMilliseconds;
            var a4 = GC.GetTotalAllocatedBytes(true);
            _ = compilation.GetDeclarationDiagnostics();
            var t4 = stopwatch.Elapsed.TotalMilliseconds;
            var a5 = GC.GetTotalAllocatedBytes(true);
            _ = compilation.GetEntryPoint(CancellationToken.None);
            var t5 = stopwatch.Elapsed.TotalMilliseconds;
            var a6 = GC.GetTotalAllocatedBytes(true);
            _ = compilation.GetMethodBodyDiagnostics();
            var t6 = stopwatch.Elapsed.TotalMilliseconds;
            var a7 = GC.GetTotalAllocatedBytes(true);
            using var pe2 = new MemoryStream();
            _ = compilation.Emit(pe2);
            var t7 = stopwatch.Elapsed.TotalMilliseconds;
            var a8 = GC.GetTotalAllocatedBytes(true);
            using var pe = new MemoryStream();
            using var pdb = new MemoryStream();
            var emitted = compilation.Emit(pe, pdb, options: new EmitOptions().WithDebugInformationFormat(DebugInformationFormat.PortablePdb));
            var t8 = stopwatch.Elapsed.TotalMilliseconds;
            var a9 = GC.GetTotalAllocatedBytes(true);
            if (measured)
            {
                Add("pdb bytes", pdb.Length);
                Add("pe bytes", pe.Length);
            }
            pe.Position = 0;
            pdb.Position = 0;
            _ = context.LoadFromStream(pe, pdb);
            var t9 = stopwatch.Elapsed.TotalMilliseconds;
            var a10 = GC.GetTotalAllocatedBytes(true);
            if (i == cells + 29)
            {
                var names = compilation.ReferencedAssemblyNames.Select(n => n.Name).ToList();
                Console.WriteLine($"last submission: {compilation.References.Count()} references, {names.Count} referenced assemblies; not among the options' references: "
                    + string.Join(", ", names.Except(options.MetadataReferences.Select(r => Path.GetFileNameWithoutExtension(r.Display ?? string.Empty)))));
            }

            if (!emitted.Success)
            {
                throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
            }

            // The chain goes on through the scripting API as the session's does (its own emit, not timed here).
            state = state is null ? script.RunAsync(globals).GetAwaiter().GetResult() : script.RunFromAsync(state).GetAwaiter().GetResult();
            if (measured)
            {
                Add("ContinueWith", t0);
                Add("GetCompilation (parse, compilation)", t1 - t0);
                Add("parse diagnostics", t2 - t1);
                Add("reference manager (compilation.Assembly)", t3 - t2);
                Add("declaration diagnostics", t4 - t3);
                Add("entry point", t5 - t4);
                Add("method body diagnostics", t6 - t5);
                Add("emit without PDB", t7 - t6);
                Add("emit with PDB (again)", t8 - t7);
                Add("load from stream", t9 - t8);
                Add("KiB ContinueWith", (a1 - a0) / 1024.0);
                Add("KiB GetCompilation (parse, compilation)", (a2 - a1) / 1024.0);
                Add("KiB parse diagnostics", (a3 - a2) / 1024.0);
                Add("KiB reference manager (compilation.Assembly)", (a4 - a3) / 1024.0);
                Add("KiB declaration diagnostics", (a5 - a4) / 1024.0);
                Add("KiB entry point", (a6 - a5) / 1024.0);
                Add("KiB method body diagnostics", (a7 - a6) / 1024.0);
                Add("KiB emit without PDB", (a8 - a7) / 1024.0);
                Add("KiB emit with PDB (again)", (a9 - a8) / 1024.0);
                Add("KiB load from stream", (a10 - a9) / 1024.0);
            }
        }

        Console.WriteLine($"compile steps on a chain of `1 + 1` submissions ({cells} after 30), median ms:");
        foreach (var (step, values) in steps)
        {
            Console.WriteLine($"  {step}: {F(Stats.Median(values))}");
        }
    }

    private static readonly FieldInfo LazyCompilation = typeof(Script).GetField("_lazyCompilation", BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
