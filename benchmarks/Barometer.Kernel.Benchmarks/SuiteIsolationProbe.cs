using System.Diagnostics;
using System.Globalization;
using Barometer.Analysis.Loading;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Running;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// <c>--suite [RUNS]</c>: the wall time of executing the repository's notebooks (every one under <c>notebooks/</c>), as a user runs them, in fresh
/// processes each time (median of RUNS, default 3), side by side:
/// <list type="bullet">
/// <item><c>in-process runner</c>: one process, the notebooks one after another in sessions of that process — what
/// <c>notebooks run</c> did before it isolated notebooks (the baseline of the 1.2× budget);</item>
/// <item><c>notebooks run --jobs N</c>: the built CLI, a kernel process per notebook driven over the Jupyter
/// protocol, N at once;</item>
/// <item>the installed ReadyToRun tool (<c>barometer</c> on PATH), when there is one;</item>
/// <item><c>nbclient</c>: Jupyter's own client running the same notebooks through our kernelspec (Debian's
/// python3-nbclient), when it and a registered <c>csharp</c> kernelspec are there.</item>
/// </list>
/// </summary>
internal static class SuiteIsolationProbe
{
    public static int RunParent(int runs)
    {
        var root = DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("run inside the repository");
        var notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        var output = Directory.CreateTempSubdirectory("suite-bench-").FullName;
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var self = typeof(SuiteIsolationProbe).Assembly.Location;
        var cli = Path.Combine(AppContext.BaseDirectory, "barometer.dll");
        var rows = new List<(string Name, Func<ProcessStartInfo> Start)>
        {
            ("in-process runner (before)", () => Start(dotnet, [self, "--suite-child", output, .. notebooks], root)),
            ("notebooks run --jobs 1", () => Start(dotnet, [cli, "notebooks", "run", "--out", output, "--jobs", "1"], root)),
            ($"notebooks run --jobs {Environment.ProcessorCount}", () => Start(dotnet, [cli, "notebooks", "run", "--out", output, "--jobs", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)], root)),
        };
        if (FindOnPath("barometer") is { } tool)
        {
            rows.Add(($"installed tool (ReadyToRun) --jobs {Environment.ProcessorCount}", () => Start(tool, ["notebooks", "run", "--out", output], root)));
        }

        var harness = Path.Combine(root, "tests", "jupyter", "execute_notebooks.py");
        var kernelspecs = Path.Combine(output, "jupyter");
        if (File.Exists("/usr/bin/python3") && File.Exists(harness) &&
            Process.Start(Start(dotnet, [cli, "kernel", "install", "--prefix", kernelspecs, "--name", "csharp"], root)) is { } install &&
            install.WaitForExit(60_000) && install.ExitCode == 0)
        {
            rows.Add(("nbclient through our kernelspec (sequential)", () =>
            {
                var start = Start("/usr/bin/python3", [harness, "csharp", Path.Combine(output, "nbclient"), .. notebooks], root);
                start.Environment["JUPYTER_PATH"] = Path.Combine(kernelspecs, "share", "jupyter");
                return start;
            }
            ));
        }

        Console.WriteLine($"{notebooks.Length} notebooks, {Environment.ProcessorCount} cores, median of {runs} fresh runs");
        Console.WriteLine($"{"how",-48} {"median",9} {"runs",-30}");
        double? baseline = null;
        foreach (var (name, start) in rows)
        {
            var samples = new List<double>();
            string? failure = null;
            for (var i = 0; i < runs && failure is null; i++)
            {
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start())!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                samples.Add(clock.Elapsed.TotalSeconds);
                if (process.ExitCode != 0)
                {
                    failure = $"exit {process.ExitCode}: {stderr.Result.Split('\n').FirstOrDefault(l => l.Length > 0)}";
                }
            }

            var median = samples.Order().ElementAt(samples.Count / 2);
            baseline ??= median;
            var ratio = median / baseline.Value;
            Console.WriteLine(failure is null
                ? $"{name,-48} {median,7:0.00} s  {string.Join(" ", samples.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}  ({ratio:0.00}× the in-process runner)"
                : $"{name,-48} {"failed",9}  {failure}");
        }

        Directory.Delete(output, recursive: true);
        return 0;
    }

    /// <summary>The baseline: the notebooks one after another in this process (a fresh one per measurement).</summary>
    public static async Task<int> RunChildAsync(string output, string[] notebooks)
    {
        foreach (var notebook in notebooks)
        {
            // As the old runner did: relative paths in cells resolve against the notebook's folder.
            var result = await HostWorkingDirectory.RunInAsync(
                Path.GetDirectoryName(Path.GetFullPath(notebook))!,
                () => NotebookRunner.RunAsync(notebook, new NotebookRunOptions { OutputPath = Path.Combine(output, Path.GetFileName(notebook)) }));
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync(result.FirstError!.Message);
                return 1;
            }
        }

        return 0;
    }

    private static ProcessStartInfo Start(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"))
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
