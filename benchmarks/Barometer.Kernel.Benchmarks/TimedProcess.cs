using System.Diagnostics;

namespace Barometer.Kernel.Benchmarks;

/// <summary>Runs a command to its end and times it from outside, as a user waits for it.</summary>
internal static class TimedProcess
{
    /// <summary>Runs <paramref name="argv"/> in <paramref name="directory"/>; fails when it exits non-zero (with the end of what it wrote).</summary>
    public static async Task<(double Seconds, string Output)> RunAsync(IReadOnlyList<string> argv, string directory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(argv[0]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {argv[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', argv)} took more than 20 minutes");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            var tail = string.Join('\n', output.Split('\n').TakeLast(8));
            throw new InvalidOperationException($"{string.Join(' ', argv)} exited with {process.ExitCode}: {tail}");
        }

        return (seconds, output);
    }
}
