using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Sensitivity;
using Barometer.Cli.Rendering;
using Spectre.Console;
using static Barometer.Cli.Rendering.DisplayText;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer sensitivity --issue N [--runs 10000] [--flip 0.1] [--seed S] [--format table|json|markdown]</c>:
/// a Monte Carlo of coder disagreement (see <see cref="SensitivityAnalysis"/>).
/// </summary>
internal static class SensitivityCommand
{
    public static Command Create()
    {
        var issue = new Option<int>("--issue") { Description = "The Minsk Barometer issue number, e.g. 18.", Required = true };
        var runs = new Option<int>("--runs")
        {
            Description = "Number of simulated re-codings (at most 100,000,000: beyond that no printed share can change).",
            DefaultValueFactory = _ => SensitivityOptions.DefaultRuns,
        };
        var flip = new Option<double>("--flip")
        {
            Description = "Probability that a score moves one point (up or down, equally likely).",
            DefaultValueFactory = _ => SensitivityOptions.DefaultFlip,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the random generator; the same seed gives the same result.",
            DefaultValueFactory = _ => SensitivityOptions.DefaultSeed,
        };
        var data = CommonOptions.Data();
        var format = CommonOptions.Format();
        var command = new Command("sensitivity",
            "Monte Carlo of coder disagreement: how much each index, and the regional-tension colour, move when scores are off by one point.")
        {
            issue, runs, flip, seed, data, format,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, cancellationToken)));
        return command;

        int Run(ParseResult parse, CancellationToken cancellationToken)
        {
            var options = new SensitivityOptions(parse.GetValue(runs), parse.GetValue(flip), parse.GetValue(seed));
            try
            {
                // Above the limit, the refusal says how long it would take: it is measured on the catalogue first.
                (options with { Runs = Math.Min(options.Runs, SensitivityOptions.MaxRuns) }).Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                Console.Error.WriteLine($"error: {e.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]}");
                return ExitCodes.Usage;
            }
            if (CommonOptions.LoadDataset(parse.GetValue(data), cancellationToken) is not { } dataset)
            {
                return ExitCodes.BadInput;
            }

            IssueCatalogue catalogue;
            try
            {
                catalogue = dataset.Catalogue(parse.GetValue(issue));
            }
            catch (UnknownIssueException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            var model = SensitivityModel.Create(catalogue, dataset.ColourScale);
            if (options.Runs > SensitivityOptions.MaxRuns)
            {
                Console.Error.WriteLine($"error: {TooManyRuns(options, model, catalogue.Issue)}");
                return ExitCodes.Usage;
            }

            var published = dataset.PublishedFor(catalogue.Issue.Number).FirstOrDefault(v => v.Measure == Measures.RegionalTensionColour)?.Value;
            var watch = Stopwatch.StartNew();
            var result = WorkProgress.Run("sensitivity", options.Runs, "runs",
                (progress, ct) => model.Run(options, published, progress, ct), cancellationToken);
            watch.Stop();
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json: Console.Out.WriteLine(SensitivityJson.Serialize(result, dataset.Partners)); break;
                case OutputFormat.Markdown: Console.Out.Write(Markdown(result, dataset)); break;
                default: WriteTables(CliConsole.Create(), result, dataset, watch.Elapsed); break;
            }
            return ExitCodes.Ok;
        }
    }

    /// <summary>
    /// Why <paramref name="options"/> has too many runs, with what they would cost: the rate is measured on the catalogue
    /// (about a quarter of a second of runs), so the estimate is this machine's, now.
    /// </summary>
    private static string TooManyRuns(SensitivityOptions options, SensitivityModel model, Issue issue)
    {
        var counts = new int[model.CounterLength];
        var colours = new int[model.ColourCounterLength];
        var runs = model.RunsPerCheck;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            watch.Restart();
            model.Simulate(options with { Runs = runs }, counts, colours);
            if (watch.Elapsed >= TimeSpan.FromMilliseconds(250) || runs >= SensitivityOptions.MaxRuns / 2)
            {
                break;
            }

            runs *= 2;
        }
        var rate = runs / Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
        var (asked, limit) = (options.Runs.ToString("N0", CultureInfo.InvariantCulture), SensitivityOptions.MaxRuns.ToString("N0", CultureInfo.InvariantCulture));
        var scores = model.ScoreCount.ToString("N0", CultureInfo.InvariantCulture);
        var issueNumber = issue.Number.ToString(CultureInfo.InvariantCulture);
        return $"--runs {asked} is above the limit of {limit} runs. At the {WorkProgress.Rate(rate)} runs/s measured just now on issue {issueNumber} " +
               $"({scores} scores) it would take about {WorkProgress.Duration(TimeSpan.FromSeconds(options.Runs / rate))}, and beyond {limit} runs no " +
               "share this command prints can change: the Monte Carlo error of a share is at most 0.5/√runs, under 0.005 percentage points there, " +
               "and shares are printed to 0.1 %.";
    }

    private static string Fixed(double x, int digits) => x.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Percent(double p) => (p * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Name(BarometerDataset data, string? code) =>
        code is null ? "security" : Partner(code, data.Partners.FirstOrDefault(p => p.Code == code)?.Name ?? code);

    private static string MeasureLabel(string measure) => DisplayText.MeasureLabel(measure);

    private static string Settings(SensitivityResult r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{r.Runs:N0} runs; each of the {r.ScoresPerturbed} scores moves ±1 with probability {r.Flip} (half up, half down); seed {r.Seed}");

    private static string Distance(ColourSensitivity c) =>
        $"{(c.DistanceToMoreSevere is { } down ? $"{Signed(down)} point(s) to the next more severe colour" : "no more severe colour")}, " +
        $"{(c.DistanceToLessSevere is { } up ? $"{Signed(up)} to the next less severe" : "no less severe colour")}";

    private static void WriteTables(IAnsiConsole console, SensitivityResult r, BarometerDataset data, TimeSpan elapsed)
    {
        CliConsole.Heading(console, $"[bold]Coder-disagreement sensitivity: {Markup.Escape(r.Issue.Title)}[/]");
        console.MarkupLine($"[grey]{Markup.Escape(Settings(r))} ({elapsed.TotalMilliseconds:0} ms).[/]");

        var table = new Table().Title("Distribution of each measure")
            .AddColumns("Relationship", "Measure", "Baseline", "Mean", "5–95 % interval", "P(≠ baseline)");
        foreach (var m in r.Measures)
        {
            table.AddRow(Markup.Escape(Name(data, m.PartnerCode)), MeasureLabel(m.Measure), Signed(m.Baseline), Fixed(m.Mean, 2),
                m.P05 == m.P95 ? Signed(m.P05) : $"{Signed(m.P05)} … {Signed(m.P95)}", Percent(m.ProbabilityDiffersFromBaseline));
        }

        foreach (var i in new[] { 2, 3, 4, 5 })
        {
            table.Columns[i].RightAligned();
        }

        CliConsole.Write(console, table);

        var c = r.Colour;
        var colours = new Table().Title("Regional-tension colour").AddColumns("Colour", "Runs", "Share");
        foreach (var x in c.Distribution)
        {
            colours.AddRow(x.Colour == c.Baseline ? $"[bold]{Markup.Escape(x.Colour)}[/] (baseline)" : Markup.Escape(x.Colour),
                x.Count.ToString("N0", CultureInfo.InvariantCulture), Percent(x.Probability));
        }

        colours.Columns[1].RightAligned();
        colours.Columns[2].RightAligned();
        CliConsole.Write(console, colours);
        console.MarkupLine($"P(colour ≠ baseline {Markup.Escape(c.Baseline)}) = [bold]{Percent(c.ProbabilityDiffersFromBaseline)}[/]" +
                           (c.ProbabilityDiffersFromPublished is { } p ? $"; P(colour ≠ published {Markup.Escape(c.Published!)}) = [bold]{Percent(p)}[/]" : ""));
        console.MarkupLine($"Baseline regional tension {Signed(r.Get(Measures.RegionalTension).Baseline)}: {Markup.Escape(Distance(c))}.");

        var rt = r.Get(Measures.RegionalTension);
        var chart = new BarChart().Label("[grey]Regional tension: runs per value[/]").LeftAlignLabel().Width(Math.Min(console.Profile.Width, 100));
        foreach (var h in rt.Histogram)
        {
            chart.AddItem(Signed(h.Value), h.Count, h.Value == rt.Baseline ? Color.Yellow : Color.Grey);
        }

        console.Write(chart);
        console.MarkupLine("[grey]Histograms of every measure: --format json.[/]");
    }

    private static string Markdown(SensitivityResult r, BarometerDataset data)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Coder-disagreement sensitivity: {MarkdownText(r.Issue.Title)}").AppendLine();
        md.AppendLine(Settings(r) + ".").AppendLine();
        md.AppendLine("| Relationship | Measure | Baseline | Mean | 5 % | 95 % | P(≠ baseline) |").AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var m in r.Measures)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {MarkdownCell(Name(data, m.PartnerCode))} | {MeasureLabel(m.Measure)} | {Signed(m.Baseline)} | {Fixed(m.Mean, 2)} | {Signed(m.P05)} | {Signed(m.P95)} | {Percent(m.ProbabilityDiffersFromBaseline)} |");
        }

        var c = r.Colour;
        md.AppendLine().AppendLine("## Regional-tension colour").AppendLine();
        md.AppendLine("| Colour | Runs | Share |").AppendLine("|---|---:|---:|");
        foreach (var x in c.Distribution)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {MarkdownCell(x.Colour)}{(x.Colour == c.Baseline ? " (baseline)" : "")} | {x.Count} | {Percent(x.Probability)} |");
        }

        var published = c.ProbabilityDiffersFromPublished is { } p ? $"; P(colour ≠ published {c.Published}) = {Percent(p)}." : ".";
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"P(colour ≠ baseline {c.Baseline}) = {Percent(c.ProbabilityDiffersFromBaseline)}{published}");
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Baseline regional tension {Signed(r.Get(Measures.RegionalTension).Baseline)}: {Distance(c)}.");
        return md.ToString();
    }
}
