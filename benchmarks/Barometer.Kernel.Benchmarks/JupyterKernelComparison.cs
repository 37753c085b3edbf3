using System.Diagnostics;
using System.Globalization;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// Our C# kernel against ipykernel on this machine, both driven over the Jupyter protocol by
/// <see cref="KernelClient"/> (as a front end would): per fresh kernel process, the time from launch to ready
/// (<c>kernel_info_reply</c> received and iopub joined) and from launch to the first <c>execute_reply</c> of
/// <c>1 + 1</c>; then, in one warmed-up kernel, the round trip of that trivial cell (execute_request sent →
/// execute_reply and idle received), median and 90th percentile over <c>rounds</c> cells, and the kernel process's
/// CPU time per warm cell (less sensitive than wall time to other load on the machine). Prints a table.
/// </summary>
internal static class JupyterKernelComparison
{
    public static async Task<int> RunAsync(string[] kernelSpecDirectories, int launches, int rounds)
    {
        var rows = new List<string[]>();
        foreach (var argument in kernelSpecDirectories)
        {
            // LABEL=DIR names a row; otherwise the kernelspec's folder name does.
            var split = argument.IndexOf('=', StringComparison.Ordinal);
            var directory = split > 0 ? argument[(split + 1)..] : argument;
            var name = split > 0 ? argument[..split] : Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
            var start = KernelStartInfo.FromKernelSpec(directory);
            Console.Error.WriteLine($"{name}: {string.Join(' ', start.Argv)}");
            var ready = new List<double>();
            var firstExecute = new List<double>();
            var roundTrips = new List<double>();
            var kernelCpuPerCell = double.NaN;
            for (var launch = 0; launch < launches; launch++)
            {
                var clock = Stopwatch.StartNew();
                await using var client = await KernelClient.StartAsync(start);
                ready.Add(clock.Elapsed.TotalMilliseconds);
                var first = await client.ExecuteToEndAsync("1 + 1");
                firstExecute.Add(clock.Elapsed.TotalMilliseconds);
                Check(first, name);
                if (launch == launches - 1)
                {
                    for (var i = 0; i < 5; i++)
                    {
                        Check(await client.ExecuteToEndAsync("1 + 1"), name);
                    }

                    using var kernelProcess = Process.GetProcessById(client.ProcessId!.Value);
                    var cpuBefore = kernelProcess.TotalProcessorTime;
                    for (var i = 0; i < rounds; i++)
                    {
                        var trip = Stopwatch.StartNew();
                        var outcome = await client.ExecuteToEndAsync("1 + 1");
                        roundTrips.Add(trip.Elapsed.TotalMilliseconds);
                        Check(outcome, name);
                    }

                    kernelProcess.Refresh();
                    kernelCpuPerCell = (kernelProcess.TotalProcessorTime - cpuBefore).TotalMilliseconds / rounds;
                }

                await client.ShutdownAsync();
            }

            rows.Add([name, Median(ready), Median(firstExecute), Median(roundTrips), Percentile(roundTrips, 0.9), kernelCpuPerCell.ToString("0.0", CultureInfo.InvariantCulture) + " ms"]);
        }

        var load = File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : string.Empty;
        Console.WriteLine($"Jupyter kernels on {Environment.ProcessorCount} cores{load}: medians of {launches} cold launches; round trip of '1 + 1' over {rounds} warm cells");
        Console.WriteLine();
        string[] header = ["kernel", "ready (kernel_info_reply)", "first execute_reply of 1 + 1", "warm round trip (median)", "warm round trip (p90)", "kernel CPU per warm cell"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        Console.WriteLine("| " + string.Join(" | ", widths.Select(w => new string('-', w))) + " |");
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
        }

        return 0;
    }

    private static void Check(ExecutionOutcome outcome, string kernel)
    {
        if (outcome.Status != "ok")
        {
            throw new InvalidOperationException($"{kernel}: '1 + 1' answered {outcome.Status}: {outcome.Reply.Content}");
        }
    }

    private static string Median(List<double> values) => Percentile(values, 0.5);

    private static string Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var value = sorted[(int)Math.Round(p * (sorted.Count - 1))];
        return value >= 1000
            ? (value / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
            : value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    }
}
