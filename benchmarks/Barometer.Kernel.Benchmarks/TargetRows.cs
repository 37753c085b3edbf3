using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Barometer.Analysis;
using Barometer.Analysis.Charts.Export;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Loading;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// The notebook-level rows of <c>--targets</c>: each shipped notebook through <c>notebooks run</c>, the seven against
/// .NET Interactive, notebook 01 against the same work in Python through nbconvert, the committed notebooks' size, the
/// seven figures' export; the kernel rows are in <see cref="KernelTargets"/>.
/// </summary>
internal sealed partial class TargetRows(TargetSettings settings)
{
    private string NotebooksFolder => Path.Combine(settings.Root, "notebooks");

    private string Scratch(string name)
    {
        var path = Path.Combine(settings.Root, "out", "targets", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task<IReadOnlyList<TargetRow>> RunAsync(string row) => row switch
    {
        "notebooks" => [await EachNotebookAsync()],
        "suite" => [await SuiteAsync()],
        "notebook01" => [await Notebook01Async()],
        "size" => [CommittedSize()],
        "export" => [await ExportAsync()],
        _ => await new KernelTargets(settings).RunAsync(row),
    };

    private IReadOnlyList<string> Barometer(params string[] args) => [.. settings.Barometer, .. args];

    private async Task<TargetRow> EachNotebookAsync()
    {
        var notebooks = Directory.GetFiles(NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        var times = notebooks.ToDictionary(n => n, _ => new List<double>());
        var traces = new Dictionary<string, string>();
        for (var run = 0; run < settings.Runs; run++)
        {
            foreach (var notebook in notebooks)
            {
                var (seconds, output) = await TimedProcess.RunAsync(Barometer("notebooks", "run", notebook, "--out", Scratch("each"), "--jobs", "1", "--trace"), settings.Root);
                times[notebook].Add(seconds);
                traces[notebook] = output;
            }
        }

        var medians = times.ToDictionary(t => t.Key, t => Stats.Median(t.Value));
        var slowest = medians.MaxBy(m => m.Value);
        var name = Path.GetFileNameWithoutExtension(slowest.Key);
        return new TargetRow(
            "each shipped notebook through `notebooks run`",
            $"slowest {Stats.Seconds(slowest.Value)} ({name}), fastest {Stats.Seconds(medians.Values.Min())}",
            "-",
            "-",
            "≤ 2 s each",
            slowest.Value <= 2 ? "met" : $"gap: {medians.Count(m => m.Value > 2)} of {medians.Count} over 2 s; {name}: {TraceReason(traces[slowest.Key])}");
    }

    private async Task<TargetRow> SuiteAsync()
    {
        var peer = DotNetInteractivePeer.Prepare(settings, NotebooksFolder, Scratch("dotnet-interactive"));
        var ours = new List<double>();
        var theirs = new List<double>();
        var oursOutput = string.Empty;
        var peerErrors = 0;
        for (var run = 0; run < settings.Runs; run++)
        {
            var (seconds, output) = await TimedProcess.RunAsync(Barometer("notebooks", "run", NotebooksFolder, "--out", Scratch("suite"), "--trace"), settings.Root);
            ours.Add(seconds);
            oursOutput = output;
            var (peerSeconds, errors) = await peer.RunAsync();
            theirs.Add(peerSeconds);
            peerErrors = errors;
        }

        var ratio = Stats.Median(ours.Zip(theirs, (a, b) => a / b).ToList());
        var note = peerErrors > 0 ? $" (.NET Interactive: {peerErrors} cells failed)" : string.Empty;
        return new TargetRow(
            "the seven notebooks, `notebooks run` (2 at once) vs .NET Interactive (nbconvert)",
            Stats.Seconds(Stats.Median(ours)),
            Stats.Seconds(Stats.Median(theirs)) + note,
            Stats.Ratio(ratio),
            "≤ 0.25×",
            ratio <= 0.25 ? "met" : $"gap: {SuiteReason(oursOutput)}");
    }

    private async Task<TargetRow> Notebook01Async()
    {
        var notebook = Path.Combine(NotebooksFolder, "01-reproduce-issue-18.ipynb");
        var python = Path.Combine(settings.Root, "benchmarks", "peers", "notebook01_python.ipynb");
        var ours = new List<double>();
        var theirs = new List<double>();
        var trace = string.Empty;
        for (var run = 0; run < settings.Runs; run++)
        {
            var (seconds, output) = await TimedProcess.RunAsync(Barometer("notebooks", "run", notebook, "--out", Scratch("nb01"), "--jobs", "1", "--trace"), settings.Root);
            ours.Add(seconds);
            trace = output;
            theirs.Add((await TimedProcess.RunAsync(["jupyter", "nbconvert", "--to", "notebook", "--execute", python, "--output-dir", Scratch("python")], settings.Root)).Seconds);
        }

        var ratio = Stats.Median(ours.Zip(theirs, (a, b) => a / b).ToList());
        return new TargetRow(
            "notebook 01 headless vs the same work in Python (nbconvert)",
            Stats.Seconds(Stats.Median(ours)),
            Stats.Seconds(Stats.Median(theirs)),
            Stats.Ratio(ratio),
            "≤ 0.5×",
            ratio <= 0.5 ? "met" : $"gap: {TraceReason(trace)}");
    }

    private TargetRow CommittedSize()
    {
        var sizes = Directory.GetFiles(NotebooksFolder, "*.ipynb").ToDictionary(f => f, f => new FileInfo(f).Length);
        var largest = sizes.MaxBy(s => s.Value);
        var charts = 0;
        var withPng = 0;
        foreach (var file in sizes.Keys)
        {
            var outputs = JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).ToList();
            foreach (var data in outputs.Select(o => o!["data"]).OfType<JsonObject>().Where(d => d.ContainsKey("application/vnd.plotly.v1+json")))
            {
                charts++;
                withPng += data.ContainsKey("image/png") ? 1 : 0;
            }
        }

        var python = Path.Combine(settings.Root, "out", "targets", "python", "notebook01_python.ipynb");
        var peer = File.Exists(python) ? $"Python notebook 01 executed: {Stats.Megabytes(new FileInfo(python).Length)}" : "-";
        var met = largest.Value <= 1_000_000 && withPng == charts;
        return new TargetRow(
            "committed notebook with charts",
            $"largest {Stats.Megabytes(largest.Value)} ({Path.GetFileNameWithoutExtension(largest.Key)}); {withPng} of {charts} charts carry a PNG",
            peer,
            "-",
            "≤ 1 MB, charts visible on GitHub (a PNG each)",
            met ? "met" : $"gap: {sizes.Count(s => s.Value > 1_000_000)} notebooks over 1 MB; {charts - withPng} charts without a PNG");
    }

    private async Task<TargetRow> ExportAsync()
    {
        var data = BarometerDataLoader.Load(DataDirectory.Locate(null, settings.Root));
        var figures = IssueFigures.All(IssueReproduction.Reproduce(data, 18), data);
        var times = new List<double>();
        var withoutImages = new List<double>();
        var (firstImage, renders, ending) = (new List<double>(), new List<double>(), new List<double>());
        await FigureExporter.ExportAsync(figures, Scratch("export"), new ExportOptions { RequireImages = true }); // warm: JIT, plotly.js extracted
        for (var run = 0; run < settings.Runs; run++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Where the browser's time goes, from the export's own progress: browser start to the first image written
            // (the start, plotly.js, the first render), first to last image (the other renders), last image to the end
            // (ending the browser, the gallery).
            double? starting = null, first = null, last = null;
            var phases = new SyncProgress(p =>
            {
                var now = clock.Elapsed.TotalSeconds;
                if (p.Stage == ExportStage.StartingBrowser)
                {
                    starting = now;
                }
                else if (p.Stage == ExportStage.Rendered)
                {
                    first ??= now;
                    last = now;
                }
            });
            await FigureExporter.ExportAsync(figures, Scratch("export"), new ExportOptions { RequireImages = true }, phases);
            times.Add(clock.Elapsed.TotalSeconds);
            if (starting is { } s0 && first is { } f && last is { } l)
            {
                firstImage.Add(f - s0);
                renders.Add(l - f);
                ending.Add(times[^1] - l);
            }

            clock.Restart();
            await FigureExporter.ExportAsync(figures, Scratch("export"), new ExportOptions { Images = false });
            withoutImages.Add(clock.Elapsed.TotalSeconds);
        }

        var median = Stats.Median(times);
        var where = firstImage.Count == 0 ? "" :
            $": browser start to the first image (start, plotly.js, first render) {Stats.Seconds(Stats.Median(firstImage))}, " +
            $"the other {figures.Count - 1} renders {Stats.Seconds(Stats.Median(renders))}, ending the browser and the gallery {Stats.Seconds(Stats.Median(ending))}";
        return new TargetRow(
            $"{figures.Count} figures × five formats (HTML, JSON, CSV, PNG, SVG), in process",
            Stats.Seconds(median),
            "-",
            "-",
            "≤ 1.0 s",
            median <= 1.0 ? "met" : $"gap: without PNG and SVG it takes {Stats.Seconds(Stats.Median(withoutImages))}; the rest is the browser{where}");
    }

    /// <summary>Reports progress on the reporting thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }

    /// <summary>The biggest parts of a notebook's time, from the summary line <c>notebooks run --trace</c> printed.</summary>
    internal static string TraceReason(string output)
    {
        var summary = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("trace: ", StringComparison.Ordinal) && l.Contains(" in all: ", StringComparison.Ordinal));
        return summary is null ? "no trace" : Biggest(Phases(summary));
    }

    private static string SuiteReason(string output)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n').Where(l => l.Contains(" in all: ", StringComparison.Ordinal)))
        {
            foreach (var (name, seconds) in Phases(line))
            {
                totals[name] = totals.GetValueOrDefault(name) + seconds;
            }
        }

        return totals.Count == 0 ? "no trace" : "summed over the notebooks: " + Biggest([.. totals.Select(t => (t.Key, t.Value))]);
    }

    private static List<(string Name, double Seconds)> Phases(string summary) =>
        [.. PhasePattern().Matches(summary[(summary.IndexOf(" in all: ", StringComparison.Ordinal) + 9)..])
            .Select(m => (m.Groups["name"].Value, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture) / (m.Groups["unit"].Value == "ms" ? 1000 : 1)))];

    private static string Biggest(List<(string Name, double Seconds)> phases) =>
        string.Join(", ", phases.OrderByDescending(p => p.Seconds).Take(3).Select(p => $"{p.Name} {Stats.Seconds(p.Seconds)}"));

    [GeneratedRegex(@"(?<name>kernel start|preprocess|projects|packages|warm-up|parse|compile|run|format|images|kernel stop|the rest) (?<value>[\d.]+) (?<unit>ms|s)\b")]
    private static partial Regex PhasePattern();
}
