using System.Collections.Concurrent;
using System.Diagnostics;
using Barometer.Browser;

namespace Barometer.Cli.Tests;

/// <summary>
/// Ctrl+C, SIGTERM and SIGKILL in the middle of an export with images (issue 12, items 2 and 4): the cancel path runs
/// (exit 130, "the files written so far are complete"), no temporary file, browser process or profile survives, and a
/// run after a SIGKILL clears what the killed one left. Real child processes receive real signals. Needs Chromium,
/// which .ci/run installs.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("barometer-interrupt-").FullName;

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_mid_export_runs_the_cancel_path_and_leaves_nothing_behind(string signal)
    {
        using var cli = Export.Start(_out);
        var browser = cli.WaitForImages();
        Signal(cli.Process.Id, signal);
        Assert.True(cli.Process.WaitForExit(60_000), "the CLI did not stop within 60 s of the signal");
        Assert.Equal(130, cli.Process.ExitCode);
        Assert.Contains("cancelled: the files written so far are complete", cli.Stderr);
        Assert.Empty(Directory.EnumerateFiles(_out, "*.tmp"));
        AssertGone(browser);
        Assert.Empty(Directory.EnumerateDirectories(HeadlessChromium.ProfileRoot, $"barometer-chromium-{cli.Process.Id}-*"));
        // What was written is whole: every PNG written so far is a complete PNG (it ends with the IEND chunk).
        Assert.All(Directory.EnumerateFiles(_out, "*.png"), f => Assert.Equal("IEND"u8.ToArray(), File.ReadAllBytes(f)[^8..^4]));
    }

    [Fact]
    public void After_a_sigkill_the_browser_is_gone_and_the_next_run_clears_the_profile_and_temporary_files()
    {
        int pid;
        using (var cli = Export.Start(_out))
        {
            var browser = cli.WaitForImages();
            pid = cli.Process.Id;
            cli.Process.Kill(); // SIGKILL: no handler of ours runs
            cli.Process.WaitForExit();
            // The browser reads its commands from a pipe only the CLI held: it exits on its own.
            AssertGone(browser);
        }
        var stale = Path.Combine(_out, $".relations-indices.png.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale, new byte[1024]);

        using var again = Export.Start(_out);
        Assert.True(again.Process.WaitForExit(120_000));
        Assert.True(again.Process.ExitCode == 0, again.Stderr);
        Assert.False(File.Exists(stale), "the stale temporary file of the killed run is still there");
        Assert.Empty(Directory.EnumerateDirectories(HeadlessChromium.ProfileRoot, $"barometer-chromium-{pid}-*"));
    }

    private static void Signal(int pid, string signal)
    {
        // The shell's own kill: no dependency on a kill binary (procps).
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -{signal} {pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}" } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits up to 15 s for every process in <paramref name="pids"/> to be gone (or a zombie awaiting its reaper).</summary>
    private static void AssertGone(IReadOnlyList<int> pids)
    {
        var clock = Stopwatch.StartNew();
        List<int> alive;
        do
        {
            alive = pids.Where(IsAlive).ToList();
            if (alive.Count == 0)
            {
                return;
            }

            Thread.Sleep(200);
        } while (clock.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Fail($"browser processes still running: {string.Join(", ", alive.Select(p => $"{p} {Command(p)}"))}");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Command(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')[..Math.Min(80, File.ReadAllText($"/proc/{pid}/cmdline").Length)]; }
        catch (IOException) { return ""; }
    }

    /// <summary>Every descendant of <paramref name="pid"/> (from /proc).</summary>
    internal static List<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var p))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[p] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }
        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var (child, _) in parents.Where(x => x.Value == parent))
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }
        return result;
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);

    /// <summary>A running <c>barometer reproduce --issue 18 --out DIR</c> whose standard error is collected line by line.</summary>
    private sealed class Export : IDisposable
    {
        private readonly ConcurrentQueue<string> _lines = new();

        private Export(Process process) => Process = process;

        public Process Process { get; }

        public string Stderr => string.Join("\n", _lines);

        public static Export Start(string outDir)
        {
            Assert.True(ChromiumLocator.Find() is not null, $"these tests need Chromium: {ChromiumLocator.InstallHint}");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = CliRunner.RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "barometer.dll"), "reproduce", "--issue", "18", "--format", "json", "--out", outDir })
            {
                start.ArgumentList.Add(a);
            }

            var export = new Export(new Process { StartInfo = start });
            export.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { export._lines.Enqueue(e.Data); } };
            export.Process.OutputDataReceived += (_, _) => { };
            export.Process.Start();
            export.Process.BeginErrorReadLine();
            export.Process.BeginOutputReadLine();
            return export;
        }

        /// <summary>Waits until the first image is written (the browser runs), and returns the browser's processes.</summary>
        public List<int> WaitForImages()
        {
            var clock = Stopwatch.StartNew();
            while (!_lines.Any(l => l.EndsWith(".png", StringComparison.Ordinal)))
            {
                Assert.False(Process.HasExited, $"the export ended before its first image:\n{Stderr}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"no image after 120 s:\n{Stderr}");
                Thread.Sleep(20);
            }
            var browser = Descendants(Process.Id);
            Assert.NotEmpty(browser);
            return browser;
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
}
