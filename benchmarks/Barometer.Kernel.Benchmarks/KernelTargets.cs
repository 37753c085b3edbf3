using System.Diagnostics;
using System.Text.Json.Nodes;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// The kernel rows of <c>--targets</c>, ours against ipykernel, both driven over the Jupyter protocol by
/// <see cref="KernelClient"/> in alternating launches: the first <c>1 + 1</c> and the first completion right after
/// <c>kernel_info_reply</c>, the warm trivial round trip, notebook 01's cells sent one after another in a started kernel
/// (what "Run all" makes a front end send; without a browser drawing the outputs), and the kernel's peak memory with
/// the library (pandas and plotly for ipykernel) and one chart.
/// </summary>
internal sealed class KernelTargets(TargetSettings settings)
{
    private const string IpykernelSpec = "/usr/share/jupyter/kernels/python3";

    private KernelStartInfo Ours(string directory) =>
        new([.. settings.Barometer, "kernel", "start", "-f", "{connection_file}"]) { WorkingDirectory = directory };

    private static KernelStartInfo Ipykernel(string directory) => KernelStartInfo.FromKernelSpec(IpykernelSpec) with { WorkingDirectory = directory };

    public async Task<IReadOnlyList<TargetRow>> RunAsync(string row) => row switch
    {
        "kernel" => await FirstAnswersAndRoundTripAsync(),
        "runall" => [await RunAllAsync()],
        "memory" => [await MemoryAsync()],
        _ => throw new ArgumentException($"unknown row {row}"),
    };

    private async Task<IReadOnlyList<TargetRow>> FirstAnswersAndRoundTripAsync()
    {
        var directory = settings.Root;
        var first = (Ours: new List<double>(), Peer: new List<double>());
        var completion = (Ours: new List<double>(), Peer: new List<double>());
        CellTrace? firstTrace = null;
        for (var run = 0; run < settings.Runs; run++)
        {
            foreach (var ours in new[] { true, false })
            {
                var start = ours ? Ours(directory) : Ipykernel(directory);
                await using (var client = await KernelClient.StartAsync(start))
                {
                    var clock = Stopwatch.StartNew();
                    var outcome = await client.ExecuteToEndAsync("1 + 1");
                    (ours ? first.Ours : first.Peer).Add(clock.Elapsed.TotalSeconds);
                    Check(outcome.Status == "ok", "1 + 1", outcome.Reply.Content);
                    firstTrace = ours ? CellTrace.FromJson(outcome.Reply.Metadata[CellTrace.MetadataKey]) : firstTrace;
                    await client.ShutdownAsync();
                }

                await using (var client = await KernelClient.StartAsync(start))
                {
                    var code = ours ? "Math.Sq" : "import math\nmath.sq";
                    var clock = Stopwatch.StartNew();
                    var reply = await client.RequestAsync("complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length });
                    (ours ? completion.Ours : completion.Peer).Add(clock.Elapsed.TotalSeconds);
                    Check(reply.Content["matches"]!.AsArray().Any(m => ((string?)m)?.Contains("sqrt", StringComparison.OrdinalIgnoreCase) == true), "completion", reply.Content);
                    await client.ShutdownAsync();
                }
            }
        }

        var (oursTrip, oursCpu, warmTrace) = await WarmRoundTripAsync(Ours(directory), 50);
        var (peerTrip, peerCpu, _) = await WarmRoundTripAsync(Ipykernel(directory), 50);
        var firstOurs = Stats.Median(first.Ours);
        var completionRatio = Stats.Median(completion.Ours) / Stats.Median(completion.Peer);
        var tripRatio = oursTrip / peerTrip;
        return
        [
            new TargetRow(
                "warm trivial round trip (`1 + 1`, median of 50)",
                $"{Stats.Seconds(oursTrip)} (kernel CPU {Stats.Seconds(oursCpu)})",
                $"{Stats.Seconds(peerTrip)} (kernel CPU {Stats.Seconds(peerCpu)})",
                Stats.Ratio(tripRatio),
                "≤ ipykernel's",
                tripRatio <= 1 ? "met" : $"gap: the kernel's phases of a warm cell: {warmTrace}"),
            new TargetRow(
                "first `1 + 1` after start (from `kernel_info_reply`)",
                Stats.Seconds(firstOurs),
                Stats.Seconds(Stats.Median(first.Peer)),
                Stats.Ratio(firstOurs / Stats.Median(first.Peer)),
                "≤ 0.15 s",
                firstOurs <= 0.15 ? "met" : $"gap: {firstTrace}"),
            new TargetRow(
                "first completion after start (`Math.Sq`; ipykernel `math.sq`)",
                Stats.Seconds(Stats.Median(completion.Ours)),
                Stats.Seconds(Stats.Median(completion.Peer)),
                Stats.Ratio(completionRatio),
                "≤ ipykernel's",
                completionRatio <= 1 ? "met" : "gap: the first answer (QuickCompletion: reflection over the loaded framework, a cold process) shares the 2 cores with the compiler's warm-up; Roslyn's completion service loads in the background"),
        ];
    }

    private static async Task<(double Median, double CpuPerCell, CellTrace? Trace)> WarmRoundTripAsync(KernelStartInfo start, int rounds)
    {
        await using var client = await KernelClient.StartAsync(start);
        for (var i = 0; i < 10; i++)
        {
            await client.ExecuteToEndAsync("1 + 1");
        }

        using var process = Process.GetProcessById(client.ProcessId!.Value);
        var cpu = process.TotalProcessorTime;
        var trips = new List<double>();
        var traces = new List<CellTrace>();
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            var outcome = await client.ExecuteToEndAsync("1 + 1");
            trips.Add(clock.Elapsed.TotalSeconds);
            if (CellTrace.FromJson(outcome.Reply.Metadata[CellTrace.MetadataKey]) is { } trace)
            {
                traces.Add(trace);
            }
        }

        process.Refresh();
        var cpuPerCell = (process.TotalProcessorTime - cpu).TotalSeconds / rounds;
        await client.ShutdownAsync();
        return (Stats.Median(trips), cpuPerCell, MedianTrace(traces));
    }

    private async Task<TargetRow> RunAllAsync()
    {
        var notebooks = Path.Combine(settings.Root, "notebooks");
        var peers = Path.Combine(settings.Root, "benchmarks", "peers");
        var ours = new List<double>();
        var theirs = new List<double>();
        var phases = new List<CellTrace>();
        for (var run = 0; run < settings.Runs; run++)
        {
            var (seconds, traces) = await RunCellsAsync(Ours(notebooks), Path.Combine(notebooks, "01-reproduce-issue-18.ipynb"));
            ours.Add(seconds);
            phases = traces;
            theirs.Add((await RunCellsAsync(Ipykernel(peers), Path.Combine(peers, "notebook01_python.ipynb"))).Seconds);
        }

        var median = Stats.Median(ours);
        var summed = phases.SelectMany(t => t.Phases).GroupBy(p => p.Name)
            .Select(g => new TracePhase(g.Key, TimeSpan.FromTicks(g.Sum(p => p.Duration.Ticks)), TimeSpan.FromTicks(g.Sum(p => p.JitTime.Ticks)), g.Sum(p => p.AssembliesLoaded)))
            .OrderByDescending(p => p.Duration).Take(3);
        return new TargetRow(
            "notebook 01 \"run all\" in a started kernel (cells sent one after another over the protocol, as the classic Notebook does; no browser)",
            Stats.Seconds(median),
            $"{Stats.Seconds(Stats.Median(theirs))} (Python notebook 01 in ipykernel)",
            Stats.Ratio(median / Stats.Median(theirs)),
            "≤ 3 s",
            median <= 3 ? "met" : $"gap: {string.Join(", ", summed)}");
    }

    private static async Task<(double Seconds, List<CellTrace> Traces)> RunCellsAsync(KernelStartInfo start, string notebook)
    {
        var cells = JsonNode.Parse(File.ReadAllText(notebook))!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => c!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)c["source"] ?? string.Empty)
            .ToList();
        await using var client = await KernelClient.StartAsync(start);
        var traces = new List<CellTrace>();
        var clock = Stopwatch.StartNew();
        foreach (var cell in cells)
        {
            var outcome = await client.ExecuteToEndAsync(cell);
            Check(outcome.Status == "ok", "a cell of " + Path.GetFileName(notebook), outcome.Reply.Content);
            if (CellTrace.FromJson(outcome.Reply.Metadata[CellTrace.MetadataKey]) is { } trace)
            {
                traces.Add(trace);
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await client.ShutdownAsync();
        return (seconds, traces);
    }

    private async Task<TargetRow> MemoryAsync()
    {
        var notebooks = Path.Combine(settings.Root, "notebooks");
        var peers = Path.Combine(settings.Root, "benchmarks", "peers");
        string[] oursCells =
        [
            "#:project ../src/Barometer.Analysis\nusing Barometer.Analysis;\nusing Barometer.Analysis.Loading;\nusing Barometer.Analysis.Figures;",
            "var data = BarometerDataLoader.Load(DataDirectory.Locate());\nvar issue18 = IssueReproduction.Reproduce(data, 18);\nIssueFigures.All(issue18, data).First().Chart",
        ];
        string[] peerCells =
        [
            "import pandas as pd, plotly.graph_objects as go\nev = pd.read_csv('../../data/barometer/relationship_events.csv')\nev = ev[ev.issue == 18]",
            "g = ev.groupby('partner').score\ngo.Figure([go.Bar(name='positive', y=g.sum().index, x=g.apply(lambda s: s[s > 0].sum()), orientation='h')])",
        ];
        var ours = await PeakAsync(Ours(notebooks), oursCells);
        var peer = await PeakAsync(Ipykernel(peers), peerCells);
        var ratio = (double)ours / peer;
        return new TargetRow(
            "kernel peak memory (VmHWM), the library and one chart (ipykernel: pandas, plotly, one chart)",
            Stats.Mebibytes(ours),
            Stats.Mebibytes(peer),
            Stats.Ratio(ratio),
            "≤ ipykernel's",
            ratio <= 1 ? "met" : "gap: Roslyn (the compiler and its symbols of the ~170 framework reference assemblies), the library's closure (Plotly.NET, FSharp.Core) and the JIT-compiled code; the browser of the PNGs is a process of its own, not counted");
    }

    private static async Task<long> PeakAsync(KernelStartInfo start, string[] cells)
    {
        await using var client = await KernelClient.StartAsync(start);
        foreach (var cell in cells)
        {
            var outcome = await client.ExecuteToEndAsync(cell);
            Check(outcome.Status == "ok", "a memory cell", outcome.Reply.Content);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // a chart's PNG may still be on its way
        var status = await File.ReadAllLinesAsync($"/proc/{client.ProcessId}/status");
        var peak = status.Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        await client.ShutdownAsync();
        return long.Parse(peak.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Each phase's median over warm cells, in the order the phases ran.</summary>
    private static CellTrace? MedianTrace(List<CellTrace> traces) => traces.Count == 0 ? null : new CellTrace(
        [.. traces[0].Phases.Select(p => p.Name).Select(name => new TracePhase(
            name,
            TimeSpan.FromSeconds(Stats.Median([.. traces.Select(t => t.Phases.FirstOrDefault(p => p.Name == name)?.Duration.TotalSeconds ?? 0)])),
            TimeSpan.FromSeconds(Stats.Median([.. traces.Select(t => t.Phases.FirstOrDefault(p => p.Name == name)?.JitTime.TotalSeconds ?? 0)])),
            0))]);

    private static void Check(bool ok, string what, JsonObject content)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"{what}: {content.ToJsonString()}");
        }
    }
}
