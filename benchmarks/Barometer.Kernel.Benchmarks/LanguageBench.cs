using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Barometer.Analysis.Loading;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Language;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// <c>--language [N]</c>: latency of the kernel's language services in a session that has the Barometer library
/// loaded (<c>#:project ../src/Barometer.Analysis</c>, as the notebooks do) — completion, inspection and
/// signature help, N requests each after warm-up, median and 95th percentile — and of a warm <c>#r "nuget:"</c>
/// of a package already in the cache (a new session in a warm process each time). Side by side with the peer a
/// Python user has: ipykernel's completer and inspector (IPython + Jedi), timed the same way in process
/// (<c>Peers/ipython_language.py</c>, run with /usr/bin/python3 when IPython is installed).
/// A stopwatch table, not BenchmarkDotNet: each request depends on the session's state and the distribution
/// (p95) is the point.
/// </summary>
internal static class LanguageBench
{
    public static async Task<int> RunAsync(int requests)
    {
        var root = DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("run inside the repository");
        using var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = Path.Combine(root, "notebooks"), DocumentName = "bench.ipynb" });
        foreach (var cell in new[]
                 {
                     "#:project ../src/Barometer.Analysis\nusing Barometer.Analysis;\nusing Barometer.Analysis.Loading;",
                     "var data = BarometerDataLoader.Load(DataDirectory.Locate());\nvar xs = new List<int>();",
                     "/// <summary>Scales a value.</summary>\ndouble Scale(double value, double factor) => value * factor;",
                 })
        {
            var result = await session.ExecuteAsync(cell);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(result.Error!.EValue);
                return 1;
            }
        }

        using var language = new LanguageService(session);
        var clock = Stopwatch.StartNew();
        await language.WarmUpAsync();
        var warmUp = clock.Elapsed;

        var completions = new Func<Task>[]
        {
            () => language.CompleteAsync("xs.", 3),
            () => language.CompleteAsync("data.", 5),
            () => language.CompleteAsync("Console.Wri", 11),
            () => language.CompleteAsync("BarometerDataLoader.", 20),
        };
        var inspections = new Func<Task>[]
        {
            () => language.InspectAsync("Math.Sqrt", 9),
            () => language.InspectAsync("BarometerDataLoader.Load", 24),
            () => language.InspectAsync("Scale(1, 2)", 3),
        };
        var signatureHelp = new Func<Task>[] { () => language.InspectAsync("Math.Max(", 9), () => language.InspectAsync("Scale(1, ", 9) };

        if (Environment.GetEnvironmentVariable("LANGUAGE_BENCH_CASES") == "1")
        {
            foreach (var (code, index) in new[] { ("xs.", 0), ("data.", 1), ("Console.Wri", 2), ("BarometerDataLoader.", 3) })
            {
                var stats = await MeasureAsync([completions[index]], requests);
                Console.WriteLine($"completion {code,-24} median {Ms(stats.Median)} p95 {Ms(stats.P95)}");
            }
        }

        // Each request in a new context (a different first line), so no list is reused: the cost of a fresh request.
        var requestNumber = 0;
        var freshCompletions = completions.Select<Func<Task>, Func<Task>>((_, index) => () =>
        {
            var (code, cursor) = new[] { ("xs.", 3), ("data.", 5), ("Console.Wri", 11), ("BarometerDataLoader.", 20) }[index];
            var prefix = $"// request {++requestNumber}\n";
            return language.CompleteAsync(prefix + code, prefix.Length + cursor);
        }).ToArray();

        // Typing a member name after the dot: the first request computes the list, the next ones refilter it.
        var typing = new Func<Task>[]
        {
            () => language.CompleteAsync("xs.", 3), () => language.CompleteAsync("xs.C", 4), () => language.CompleteAsync("xs.Co", 5), () => language.CompleteAsync("xs.Cou", 6),
        };

        var rows = new List<(string Name, Stats Stats)>
        {
            ("completion, fresh context", await MeasureAsync(freshCompletions, requests)),
            ("completion, typing (list reused)", await MeasureAsync(typing, requests)),
            ("inspection", await MeasureAsync(inspections, requests)),
            ("signature help", await MeasureAsync(signatureHelp, requests)),
            ("is_complete", await MeasureAsync([() => Task.FromResult(language.IsComplete("if (x)\n{\n    var y = 1;"))], requests)),
        };

        // Warm #r "nuget:" of a cached package: ensure it is cached, then new sessions in this warm process.
        using (var prime = new ScriptSession())
        {
            var primed = await prime.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"");
            if (!primed.Succeeded)
            {
                Console.Error.WriteLine(primed.Error!.EValue);
                return 1;
            }
        }

        var nugetSamples = new List<double>();
        var restores = 0;
        for (var i = 0; i < 10; i++)
        {
            using var fresh = new ScriptSession();
            var start = Stopwatch.GetTimestamp();
            var result = await fresh.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"");
            nugetSamples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            restores += fresh.Packages.RestoresRun;
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(result.Error!.EValue);
                return 1;
            }
        }

        rows.Add(("warm cached #r nuget (10 sessions)", Stats.Of(nugetSamples)));
        var peer = RunPeer(requests);

        Console.WriteLine($"Language services, {requests} requests per kind after warm-up ({Ms(warmUp.TotalMilliseconds)} ms), session with Barometer.Analysis loaded");
        Console.WriteLine($"load average (1 min) at the end: {LoadAverage()}; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"request",-36} {"median ms",10} {"p95 ms",10} {"max ms",10} {"CPU ms/req",10}   {"ipykernel (IPython+Jedi) median / p95 / CPU ms",-46}");
        foreach (var (name, stats) in rows)
        {
            var peerKey = name switch { "completion, fresh context" => "completion", "inspection" => "inspection", _ => string.Empty };
            var peerText = peer is not null && peer.TryGetValue(peerKey, out var p) ? $"{Ms(p.Median)} / {Ms(p.P95)} / {(p.CpuPerRequest is { } pc ? Ms(pc) : "-")}" : "-";
            var cpu = stats.CpuPerRequest is { } c ? Ms(c) : "-";
            Console.WriteLine($"{name,-36} {Ms(stats.Median),10} {Ms(stats.P95),10} {Ms(stats.Max),10} {cpu,10}   {peerText,-46}");
        }

        Console.WriteLine($"restores started by the 10 warm #r sessions: {restores}");
        if (peer is null)
        {
            Console.WriteLine("peer: not measured (needs /usr/bin/python3 with IPython: apt-get install python3-ipykernel)");
        }

        return 0;
    }

    private static async Task<Stats> MeasureAsync(Func<Task>[] requests, int count)
    {
        foreach (var request in requests)
        {
            await request();
            await request();
        }

        var samples = new List<double>(count);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await requests[i % requests.Length]();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        process.Refresh();
        return Stats.Of(samples) with { CpuPerRequest = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count };
    }

    private static Dictionary<string, Stats>? RunPeer(int requests)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Peers", "ipython_language.py");
        if (!File.Exists("/usr/bin/python3") || !File.Exists(script))
        {
            return null;
        }

        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(requests.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        _ = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new Stats(p.Value.GetProperty("median").GetDouble(), p.Value.GetProperty("p95").GetDouble(), p.Value.GetProperty("max").GetDouble())
            {
                CpuPerRequest = p.Value.GetProperty("cpu_per_request").GetDouble(),
            });
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private sealed record Stats(double Median, double P95, double Max)
    {
        /// <summary>Process CPU time per request (all threads), which a loaded machine does not inflate as it does wall time.</summary>
        public double? CpuPerRequest { get; init; }

        public static Stats Of(List<double> samples)
        {
            samples.Sort();
            var median = samples.Count % 2 == 1 ? samples[samples.Count / 2] : (samples[(samples.Count / 2) - 1] + samples[samples.Count / 2]) / 2;
            return new Stats(median, samples[(int)Math.Ceiling(0.95 * samples.Count) - 1], samples[^1]);
        }
    }
}
