using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// The speed targets of the project in one run, each measured side by side with the peer a user would pick instead
/// (alternating ours and the peer's runs, so a machine whose speed drifts affects both): the rows of
/// <see cref="TargetRows"/>. Each row prints ours, the peer's, their ratio, the target and whether it is met, or the gap
/// with the reason measured in the same run (the kernel's per-phase trace, <see cref="CellTrace"/>). Prints the
/// machine's load before and after, as the figures mean little without it.
/// </summary>
internal static class TargetsProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = TargetSettings.Parse(args);
        var load = LoadAverage();
        Console.Error.WriteLine($"targets: {settings.Runs} run(s) each; barometer: {string.Join(' ', settings.Barometer)}; rows: {string.Join(", ", settings.Rows)}");
        var rows = new List<TargetRow>();
        var measure = new TargetRows(settings);
        foreach (var row in settings.Rows)
        {
            var before = rows.Count;
            try
            {
                rows.AddRange(await measure.RunAsync(row));
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException or DeadKernelException or System.ComponentModel.Win32Exception)
            {
                rows.Add(new TargetRow(row, "-", "-", "-", "-", $"not measured: {ex.Message}"));
            }

            foreach (var done in rows.Skip(before))
            {
                Console.Error.WriteLine($"targets: {row} done at load average {LoadAverage()}: | {done.Work} | {done.Ours} | {done.Peer} | {done.Ratio} | {done.Target} | {done.Verdict} |");
            }
        }

        Console.WriteLine($"Speed targets on {Environment.ProcessorCount} cores, load average {load} before and {LoadAverage()} after; medians of {settings.Runs} run(s), ours and the peer's alternating");
        Console.WriteLine();
        string[] header = ["work", "ours", "peer", "ratio", "target", "met, or the gap and its measured reason"];
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Work} | {row.Ours} | {row.Peer} | {row.Ratio} | {row.Target} | {row.Verdict} |");
        }

        return 0;
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

/// <summary>One line of the targets table.</summary>
internal sealed record TargetRow(string Work, string Ours, string Peer, string Ratio, string Target, string Verdict);

/// <summary>What <c>--targets</c> was asked to measure, and with what.</summary>
internal sealed record TargetSettings(int Runs, IReadOnlyList<string> Barometer, string DotnetInteractive, IReadOnlyList<string> Rows, string Root)
{
    public static readonly string[] AllRows = ["notebooks", "suite", "notebook01", "kernel", "runall", "size", "export", "memory"];

    /// <summary><c>--targets [--runs N] [--barometer "CMD ARGS"] [--dotnet-interactive PATH] [ROW...]</c>.</summary>
    public static TargetSettings Parse(string[] args)
    {
        var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run --targets inside the repository (Barometer.Notebooks.sln not found above the current folder)");
        var runs = 3;
        IReadOnlyList<string> barometer = ["dotnet", Path.Combine(AppContext.BaseDirectory, "barometer.dll")];
        var dotnetInteractive = Path.Combine(root, "out", "peers", "dotnet-interactive", "dotnet-interactive");
        var rows = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--barometer":
                    barometer = args[++i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "--dotnet-interactive":
                    dotnetInteractive = Path.GetFullPath(args[++i]);
                    break;
                case var row when AllRows.Contains(row):
                    rows.Add(row);
                    break;
                default:
                    throw new ArgumentException($"--targets: unknown argument '{args[i]}' (rows: {string.Join(", ", AllRows)})");
            }
        }

        return new TargetSettings(runs, barometer, dotnetInteractive, rows.Count == 0 ? AllRows : rows, root);
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Barometer.Notebooks.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
