using System.Text.RegularExpressions;

namespace Barometer.Cli.Tests;

/// <summary>
/// Issue 18, item 10: long work shows progress with a rate and the time left on standard error, stops promptly on
/// Ctrl+C (SIGINT), and absurd input is refused with the limit and the reason.
/// </summary>
public sealed partial class LongWorkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-long-").FullName;

    [Fact]
    public void Sensitivity_refuses_a_billion_runs_saying_the_limit_why_and_how_long_they_would_take()
    {
        var r = CliRunner.Run(null, "sensitivity", "--issue", "18", "--runs", "1000000000");

        Assert.Equal(2, r.ExitCode);
        Assert.Empty(r.Stdout);
        var error = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Matches(TooManyRuns(), error);
    }

    [Fact]
    public void A_long_sensitivity_run_shows_its_rate_and_time_left_and_stops_on_ctrl_c()
    {
        using var cli = CliProcess.Start("sensitivity", "--issue", "18", "--runs", "50000000", "--format", "json");
        var line = cli.WaitForLine(l => l.StartsWith("sensitivity:", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        Assert.Matches(ProgressLine(), line);

        cli.Signal("INT");

        Assert.Equal(130, cli.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal("cancelled", cli.Stderr.Split('\n')[^1]);
        Assert.DoesNotContain("did not stop", cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(cli.Stdout);
    }

    [Fact]
    public void Reading_a_large_catalogue_shows_that_it_is_reading_and_ctrl_c_ends_it_at_once()
    {
        var data = LargeCatalogue(rows: 300_000);
        using var cli = CliProcess.Start("reproduce", "--issue", "18", "--data", data, "--format", "json");
        var line = cli.WaitForLine(l => l.StartsWith("reading and checking the data", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        Assert.Matches(@"^reading and checking the data in .+ \(\d+(\.\d)? MB of CSV\)… \d+ s so far$", line);

        cli.Signal("INT");

        Assert.Equal(130, cli.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal("cancelled", cli.Stderr.Split('\n')[^1]);
        Assert.DoesNotContain("did not stop", cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(cli.Stdout);
    }

    /// <summary>A copy of data/ whose relationship catalogue repeats issue 18's rows (with new ids) to <paramref name="rows"/> rows.</summary>
    private string LargeCatalogue(int rows)
    {
        var data = Path.Combine(_dir, "data");
        var source = Path.Combine(CliRunner.RepoRoot, "data");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(data, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var events = Path.Combine(data, "barometer", "relationship_events.csv");
        var lines = File.ReadAllLines(events);
        var issue18 = lines.Skip(1).Where(l => l.Split(',')[1] == "18").ToArray();
        var numbers = new Dictionary<string, int>();
        using var writer = new StreamWriter(events);
        writer.Write(lines[0] + "\n");
        for (var i = 0; i < rows; i++)
        {
            var line = issue18[i % issue18.Length];
            var partner = line.Split(',')[2];
            numbers[partner] = numbers.GetValueOrDefault(partner) + 1;
            writer.Write($"18-{partner}-{numbers[partner]:00}{line[line.IndexOf(',', StringComparison.Ordinal)..]}\n");
        }

        return data;
    }

    [GeneratedRegex(@"^error: --runs 1,000,000,000 is above the limit of 100,000,000 runs\. At the [\d,.]+ runs/s measured just now on issue 18 \(\d+ scores\) it would take about \d+ (h|min) \d+ (min|s), and beyond 100,000,000 runs no share this command prints can change: the Monte Carlo error of a share is at most 0\.5/√runs, under 0\.005 percentage points there, and shares are printed to 0\.1 %\.$")]
    private static partial Regex TooManyRuns();

    [GeneratedRegex(@"^sensitivity: [\d,]+ of 50,000,000 runs \(\d+ %\), [\d,.]+ runs/s, (about (\d+ (h|min) )?\d+ (min|s) left|time left not known yet)$")]
    private static partial Regex ProgressLine();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
