using System.Globalization;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// Memory of a long session: a Jupyter kernel (any kernelspec) is sent <c>cells</c> one-line cells that each keep a
/// small variable, and every 200 cells the probe reads the kernel process's resident memory (<c>VmRSS</c>) and, for
/// kernels that can tell (C# and Python), the managed heap after a full collection, asked for in a silent cell that
/// takes no execution count. Prints one table per kernel: a flat column means memory bounded by what the cells keep,
/// not by how many ran. Peer: ipykernel (its RSS; Python's heap is not comparable, so its third column is
/// <c>gc.collect()</c>'s RSS only).
/// </summary>
internal static class SessionMemoryProbe
{
    public static async Task<int> RunAsync(string[] kernelSpecDirectories, int cells)
    {
        foreach (var argument in kernelSpecDirectories)
        {
            var split = argument.IndexOf('=', StringComparison.Ordinal);
            var directory = split > 0 ? argument[(split + 1)..] : argument;
            var name = split > 0 ? argument[..split] : Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
            var start = KernelStartInfo.FromKernelSpec(directory);
            await using var client = await KernelClient.StartAsync(start);
            var info = await client.KernelInfoAsync();
            var language = (string?)info.Content["language_info"]?["name"] ?? string.Empty;
            var (cell, heap) = language switch
            {
                "python" => ((Func<int, string>)(i => $"x{i} = {i} + 1"), "import gc; gc.collect(); 0"),
                _ => (i => $"var x{i} = {i} + 1;", "GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect(); GC.GetTotalMemory(true)"),
            };
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
            Console.WriteLine($"{name} ({language}), {cells} one-line cells, load average {load} at the start");
            Console.WriteLine();
            Console.WriteLine("| cells | managed heap after full GC | kernel RSS | time per cell (last 200) |");
            Console.WriteLine("|---|---|---|---|");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 1; i <= cells; i++)
            {
                var outcome = await client.ExecuteToEndAsync(cell(i));
                if (outcome.Status != "ok")
                {
                    throw new InvalidOperationException($"{name}: cell {i} answered {outcome.Status}: {outcome.Reply.Content.ToJsonString()}");
                }

                if (i % 200 == 0)
                {
                    var perCell = clock.Elapsed.TotalMilliseconds / 200;
                    var measured = await client.ExecuteToEndAsync(heap, new ExecuteOptions { Silent = false, StoreHistory = false });
                    var text = (string?)measured.Outputs.FirstOrDefault(m => m.MessageType == "execute_result")?.Content["data"]?["text/plain"];
                    var heapText = language == "python" || text is null ? "–" : Megabytes(long.Parse(text, CultureInfo.InvariantCulture));
                    Console.WriteLine($"| {i} | {heapText} | {Megabytes(ResidentBytes(client.ProcessId!.Value))} | {perCell.ToString("0.0", CultureInfo.InvariantCulture)} ms |");
                    clock.Restart();
                }
            }

            Console.WriteLine();
            await client.ShutdownAsync();
        }

        return 0;
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static long ResidentBytes(int processId)
    {
        // The kernelspec may start a launcher (a shell, dotnet) whose child is the kernel: take the largest RSS of the
        // process and its descendants.
        var total = 0L;
        foreach (var pid in new[] { processId }.Concat(Descendants(processId)))
        {
            var status = $"/proc/{pid}/status";
            if (!File.Exists(status))
            {
                continue;
            }

            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null)
            {
                total = Math.Max(total, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
            }
        }

        return total;
    }

    private static IEnumerable<int> Descendants(int processId)
    {
        var children = $"/proc/{processId}/task/{processId}/children";
        if (!File.Exists(children))
        {
            yield break;
        }

        foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)))
        {
            yield return child;
            foreach (var grandchild in Descendants(child))
            {
                yield return grandchild;
            }
        }
    }
}
