using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Barometer.Cli.Tests;

/// <summary>
/// A running <c>barometer</c> command whose standard error is collected line by line as it comes (standard output in
/// the background), for tests that act while it runs: wait for a progress line, then send a signal.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly StringBuilder _stdout = new();

    private CliProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Stderr => string.Join("\n", _stderr);

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public static CliProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CliRunner.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "barometer.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        var cli = new CliProcess(new Process { StartInfo = start });
        cli.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { cli._stderr.Enqueue(e.Data); } };
        cli.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (cli._stdout) { cli._stdout.AppendLine(e.Data); } } };
        cli.Process.Start();
        cli.Process.BeginErrorReadLine();
        cli.Process.BeginOutputReadLine();
        return cli;
    }

    /// <summary>Waits until a line of standard error matches; fails if the command ends first or nothing matches within <paramref name="timeout"/>.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_stderr.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            Assert.False(Process.HasExited, $"the command ended first:\n{Stderr}");
            Assert.True(clock.Elapsed < timeout, $"no such line within {timeout.TotalSeconds:0} s:\n{Stderr}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends a signal (INT, TERM) with the shell's own kill.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -{signal} {Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}" } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the command to end (and for its output to be read).</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        Assert.True(Process.WaitForExit(timeout), $"the command did not end within {timeout.TotalSeconds:0} s:\n{Stderr}");
        Process.WaitForExit();
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
