using System.Diagnostics;
using System.Globalization;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Running;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// Process-level cold start, which BenchmarkDotNet's in-process iterations cannot show: the parent starts fresh
/// child processes (<c>--cold-child MODE</c>), each measuring with a stopwatch from its start:
/// <list type="bullet">
/// <item><c>first-cell</c>: new session, first cell (<c>1 + 1</c>);</item>
/// <item><c>first-cell-idle</c>: <see cref="ScriptEnvironment.WarmUpAsync"/> started, 300 ms of other work (e.g. a
/// user opening a notebook), then the first cell;</item>
/// <item><c>two-notebooks</c>: the sample notebook run twice in one process, as the CLI does;</item>
/// <item><c>two-notebooks-warm</c>: the same with <see cref="ScriptEnvironment.WarmUpAsync"/> started just before.</item>
/// </list>
/// A <c>-mcj</c> suffix first enables multi-core JIT (<see cref="ScriptEnvironment.EnableStartupProfile"/>); the
/// first launch records the profile, later launches use it.
/// </summary>
internal static class ColdStartProbe
{
    private static readonly string[] Modes =
    [
        "first-cell", "first-cell-mcj", "first-cell-idle", "first-cell-idle-mcj",
        "two-notebooks", "two-notebooks-mcj", "two-notebooks-warm", "two-notebooks-warm-mcj",
    ];

    public static int RunParent(int launches)
    {
        var self = Environment.ProcessPath!;
        var entry = typeof(ColdStartProbe).Assembly.Location;
        foreach (var mode in Modes)
        {
            var samples = new List<string>();
            for (var i = 0; i < launches; i++)
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(self) == "dotnet")
                {
                    start.ArgumentList.Add(entry);
                }

                start.ArgumentList.Add("--cold-child");
                start.ArgumentList.Add(mode);
                using var process = Process.Start(start)!;
                var line = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                samples.Add(line);
            }

            Console.WriteLine($"{mode,-23} {string.Join(" | ", samples)}");
        }

        return 0;
    }

    public static async Task<int> RunChildAsync(string mode)
    {
        var clock = Stopwatch.StartNew();
        if (mode.EndsWith("-mcj", StringComparison.Ordinal))
        {
            mode = mode[..^4];
            ScriptEnvironment.EnableStartupProfile(Path.Combine(Path.GetTempPath(), "barometer-kernel-bench-jit"), mode);
        }

        switch (mode)
        {
            case "first-cell":
                {
                    using var session = new ScriptSession();
                    var result = await session.ExecuteAsync("1 + 1");
                    Console.WriteLine($"{Ms(clock.Elapsed)} (ok={result.Succeeded})");
                    break;
                }

            case "first-cell-idle":
                {
                    _ = ScriptEnvironment.Shared.WarmUpAsync();
                    Thread.Sleep(300);
                    var before = clock.Elapsed;
                    using var session = new ScriptSession();
                    var result = await session.ExecuteAsync("1 + 1");
                    Console.WriteLine($"{Ms(clock.Elapsed)}, cell after idle {Ms(clock.Elapsed - before)} (ok={result.Succeeded})");
                    break;
                }

            default:
                {
                    if (mode.EndsWith("-warm", StringComparison.Ordinal))
                    {
                        _ = ScriptEnvironment.Shared.WarmUpAsync();
                    }

                    var directory = Path.Combine(Path.GetTempPath(), "barometer-kernel-bench");
                    Directory.CreateDirectory(directory);
                    var first = await NotebookRunner.ExecuteAsync(SampleNotebook.Create(), Path.Combine(directory, "a.ipynb"), new NotebookRunOptions());
                    var firstTime = clock.Elapsed;
                    var second = await NotebookRunner.ExecuteAsync(SampleNotebook.Create(), Path.Combine(directory, "b.ipynb"), new NotebookRunOptions());
                    Console.WriteLine($"nb1 {Ms(firstTime)}, nb2 {Ms(clock.Elapsed - firstTime)} (ok={first.Succeeded && second.Succeeded})");
                    break;
                }
        }

        return 0;
    }

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
