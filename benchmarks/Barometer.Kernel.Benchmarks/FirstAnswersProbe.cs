using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// <c>--first-answers [LABEL=]KERNELSPEC_DIR...</c>: what a user of a freshly started kernel waits for, per fresh kernel
/// process, the kernels taken in turn (A B A B …) so that drift in the machine's load touches them alike:
/// the first <c>history_request</c> right after <c>kernel_info_reply</c> (what <c>jupyter console</c> sends, with a 1 s
/// limit); the first <c>complete_request</c> of a standard-library member (<c>Math.Sq</c> / <c>math.sq</c>) sent at
/// once, and sent after 3 s of reading; and the first <c>execute_reply</c> of <c>1 + 1</c> sent at once. Medians over the
/// launches. A kernelspec's <c>env</c> is honoured, so one folder can hold the C# kernel with
/// <c>BAROMETER_KERNEL_LANGUAGE_WARMUP=0</c> to compare with and without the background warm-up.
/// </summary>
internal static class FirstAnswersProbe
{
    private static readonly TimeSpan Reading = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] kernelSpecDirectories, int launches)
    {
        var kernels = kernelSpecDirectories.Select(Parse).ToList();
        var results = kernels.ToDictionary(k => k.Name, _ => new Dictionary<string, List<double>>(StringComparer.Ordinal));
        string[] columns = ["history at once", "completion at once", "completion after 3 s", "1 + 1 at once"];
        for (var launch = 0; launch < launches; launch++)
        {
            foreach (var column in columns)
            {
                foreach (var kernel in kernels)
                {
                    var ms = await MeasureAsync(kernel, column);
                    var list = results[kernel.Name].TryGetValue(column, out var l) ? l : results[kernel.Name][column] = [];
                    list.Add(ms);
                    Console.Error.WriteLine($"{kernel.Name}: {column}: {ms:0} ms");
                }
            }
        }

        var load = File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : string.Empty;
        Console.WriteLine($"First answers of a fresh kernel on {Environment.ProcessorCount} cores{load}: medians of {launches} launches each (request sent → reply)");
        Console.WriteLine();
        Console.WriteLine("| kernel | " + string.Join(" | ", columns) + " |");
        Console.WriteLine("|---|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var kernel in kernels)
        {
            Console.WriteLine($"| {kernel.Name} | " + string.Join(" | ", columns.Select(c => Format(Median(results[kernel.Name][c])))) + " |");
        }

        return 0;
    }

    private static async Task<double> MeasureAsync(Kernel kernel, string column)
    {
        await using var client = await KernelClient.StartAsync(kernel.Start);
        try
        {
            if (column == "completion after 3 s")
            {
                await Task.Delay(Reading);
            }

            var clock = Stopwatch.StartNew();
            switch (column)
            {
                case "history at once":
                    await client.RequestAsync("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 1000, ["output"] = false, ["raw"] = true });
                    break;
                case "1 + 1 at once":
                    var outcome = await client.ExecuteToEndAsync("1 + 1");
                    if (outcome.Status != "ok")
                    {
                        throw new InvalidOperationException($"{kernel.Name}: 1 + 1 answered {outcome.Status}");
                    }

                    break;
                default:
                    var reply = await client.RequestAsync("complete_request", new JsonObject { ["code"] = kernel.CompletionCode, ["cursor_pos"] = kernel.CompletionCode.Length });
                    if (!reply.Content["matches"]!.AsArray().Any(m => ((string?)m)?.Contains("sqrt", StringComparison.OrdinalIgnoreCase) == true))
                    {
                        throw new InvalidOperationException($"{kernel.Name}: no sqrt among the matches: {reply.Content.ToJsonString()}");
                    }

                    break;
            }

            return clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            await client.ShutdownAsync();
        }
    }

    private static Kernel Parse(string argument)
    {
        var split = argument.IndexOf('=', StringComparison.Ordinal);
        var directory = split > 0 ? argument[(split + 1)..] : argument;
        var name = split > 0 ? argument[..split] : Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "kernel.json")))!;
        var python = ((string?)spec["language"])?.Equals("python", StringComparison.OrdinalIgnoreCase) == true;
        return new Kernel(name, KernelStartInfo.FromKernelSpec(directory), python ? "import math\nmath.sq" : "Math.Sq");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Format(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private sealed record Kernel(string Name, KernelStartInfo Start, string CompletionCode);
}
