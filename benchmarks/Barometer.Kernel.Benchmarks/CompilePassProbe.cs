using System.Diagnostics;
using System.Globalization;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// What binding a cell once saves: a chain of trivial submissions compiled as the session did before
/// (<c>Script.Compile()</c>, which emits and then binds every method body again to list warnings, then run) and as it
/// does now (<c>CreateDelegate()</c>: bind, emit and load once, then run), in alternating batches in one warm process.
/// Reports the process CPU time per cell of each (less sensitive than wall time to other load on the machine).
/// </summary>
internal static class CompilePassProbe
{
    public static async Task<int> RunAsync(int cells, int pairs)
    {
        var options = ScriptEnvironment.Shared.CreateOptions(Directory.GetCurrentDirectory());
        var globals = new NotebookGlobals();
        await ChainAsync(options, globals, cells, twoPasses: true); // warm: JIT of both paths
        await ChainAsync(options, globals, cells, twoPasses: false);
        var twice = new List<double>();
        var once = new List<double>();
        for (var pair = 0; pair < pairs; pair++)
        {
            twice.Add(await ChainAsync(options, globals, cells, twoPasses: true));
            once.Add(await ChainAsync(options, globals, cells, twoPasses: false));
        }

        Console.WriteLine($"{pairs} pairs of {cells}-cell chains (`x{{i}} + 1`), load average {TargetsProbe.LoadAverage()}: process CPU per cell, median");
        Console.WriteLine($"| Compile() then run (before) | {Stats.Median(twice).ToString("0.00", CultureInfo.InvariantCulture)} ms |");
        Console.WriteLine($"| CreateDelegate() then run (now) | {Stats.Median(once).ToString("0.00", CultureInfo.InvariantCulture)} ms |");
        Console.WriteLine($"| ratio now/before | {Stats.Median([.. once.Zip(twice, (a, b) => a / b)]).ToString("0.00", CultureInfo.InvariantCulture)} |");
        return 0;
    }

    /// <summary>
    /// What the PDB costs a cell: the same chains bound once (<c>CreateDelegate()</c>), emitted with the debug information
    /// the session asks for (line numbers in stack traces) and without it, in alternating batches.
    /// </summary>
    public static async Task<int> RunPdbAsync(int cells, int pairs)
    {
        var withPdb = ScriptEnvironment.Shared.CreateOptions(Directory.GetCurrentDirectory());
        var withoutPdb = withPdb.WithEmitDebugInformation(false);
        var globals = new NotebookGlobals();
        await ChainAsync(withPdb, globals, cells, twoPasses: false); // warm: JIT of both paths
        await ChainAsync(withoutPdb, globals, cells, twoPasses: false);
        var pdb = new List<double>();
        var none = new List<double>();
        for (var pair = 0; pair < pairs; pair++)
        {
            pdb.Add(await ChainAsync(withPdb, globals, cells, twoPasses: false));
            none.Add(await ChainAsync(withoutPdb, globals, cells, twoPasses: false));
        }

        Console.WriteLine($"{pairs} pairs of {cells}-cell chains (`x{{i}} + 1`), load average {TargetsProbe.LoadAverage()}: process CPU per cell, median");
        Console.WriteLine($"| with the PDB (now) | {Stats.Median(pdb).ToString("0.00", CultureInfo.InvariantCulture)} ms |");
        Console.WriteLine($"| without the PDB | {Stats.Median(none).ToString("0.00", CultureInfo.InvariantCulture)} ms |");
        Console.WriteLine($"| ratio without/with | {Stats.Median([.. none.Zip(pdb, (a, b) => a / b)]).ToString("0.00", CultureInfo.InvariantCulture)} |");
        return 0;
    }

    private static async Task<double> ChainAsync(ScriptOptions options, NotebookGlobals globals, int cells, bool twoPasses)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        ScriptState<object>? state = null;
        for (var i = 0; i < cells; i++)
        {
            var code = $"var x{i} = {i};\nx{i} + 1";
            var script = state is null ? CSharpScript.Create(code, options.WithFilePath($"bench#cell{i}"), typeof(NotebookGlobals)) : state.Script.ContinueWith(code, options.WithReferences(Array.Empty<Microsoft.CodeAnalysis.MetadataReference>()).WithFilePath($"bench#cell{i}"));
            if (twoPasses)
            {
                _ = script.Compile();
            }
            else
            {
                _ = script.CreateDelegate();
            }

            state = state is null ? await script.RunAsync(globals) : await script.RunFromAsync(state);
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / cells;
    }
}
