using System.Diagnostics;
using System.Globalization;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Projects;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// <c>--project-check [PROJECT] [PAIRS]</c>: what a notebook's <c>#:project</c> line costs when nothing changed, side by
/// side with what it would cost to ask MSBuild (a no-op <c>dotnet build</c>, the peer): A B pairs, medians.
/// </summary>
internal static class ProjectCheckProbe
{
    public static async Task<int> RunAsync(string project, int pairs)
    {
        project = Path.GetFullPath(project);
        if (Directory.Exists(project))
        {
            project = Directory.GetFiles(project, "*.csproj").Single();
        }

        var files = ProjectInputs.ProjectFolders(project).Sum(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories).Count(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/node_modules/", StringComparison.Ordinal)));
        _ = await ProjectBuild.RunAsync(DotNetHost.Current, project, null, CancellationToken.None); // built once: later builds are no-ops
        var check = new List<double>();
        var build = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            var clock = Stopwatch.StartNew();
            _ = ProjectInputs.Fingerprint(project);
            check.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            _ = await ProjectBuild.RunAsync(DotNetHost.Current, project, null, CancellationToken.None);
            build.Add(clock.Elapsed.TotalMilliseconds);
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"{Path.GetFileName(project)}: {files} input files, {pairs} A/B pairs, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine("| up-to-date check | median ms | max ms |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| #:project fingerprint (no process) | {Median(check):0.0} | {check.Max():0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| no-op dotnet build (peer) | {Median(build):0} | {build.Max():0} |"));
        return 0;
    }
}
