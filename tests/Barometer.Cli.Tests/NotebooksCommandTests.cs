using System.Text.Json.Nodes;

namespace Barometer.Cli.Tests;

public sealed class NotebooksCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-nb-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] CellPhases = ["preprocess ", "parse ", "compile ", "run ", "outside the kernel's phases "];

    private static string Notebook(params (string Source, string[] Tags)[] cells) => new JsonObject
    {
        ["cells"] = new JsonArray(cells.Select(c => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) },
            ["outputs"] = new JsonArray(),
            ["source"] = c.Source,
        }).ToArray()),
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" } },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    }.ToJsonString();

    [Fact]
    public void A_throwing_cell_fails_the_run_with_its_cell_number_and_other_notebooks_still_run()
    {
        var good = Path.Combine(_dir, "good.ipynb");
        var bad = Path.Combine(_dir, "bad.ipynb");
        File.WriteAllText(good, Notebook(("Console.WriteLine(\"hello\");", [])));
        File.WriteAllText(bad, Notebook(("var x = 1;", []), ("throw new InvalidOperationException(\"boom\");", []), ("Console.WriteLine(x);", [])));
        var outDir = Path.Combine(_dir, "out");
        var (goodBefore, badBefore) = (File.ReadAllBytes(good), File.ReadAllBytes(bad));

        var r = CliRunner.Run(null, "notebooks", "run", bad, good, "--out", outDir);

        Assert.Equal(1, r.ExitCode);
        var all = r.Stdout + r.Stderr;
        Assert.Contains("cell 2", all);
        Assert.Contains("InvalidOperationException", all);
        Assert.Contains("boom", all);
        Assert.True(File.Exists(Path.Combine(outDir, "good.ipynb")), "the good notebook ran too");
        var partial = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "bad.ipynb")))!;
        Assert.Equal("error", (string?)partial["cells"]![1]!["outputs"]![0]!["output_type"]);
        Assert.Empty(partial["cells"]![2]!["outputs"]!.AsArray()); // stopped at the failing cell
        Assert.Equal(badBefore, File.ReadAllBytes(bad)); // the source notebooks are untouched, byte for byte
        Assert.Equal(goodBefore, File.ReadAllBytes(good));
    }

    [Fact]
    public void Parameters_are_injected_with_their_declared_types()
    {
        var nb = Path.Combine(_dir, "params.ipynb");
        File.WriteAllText(nb, Notebook(("double Flip = 0.1;\nstring Name = \"a\";", ["parameters"]), ("Console.WriteLine($\"{Flip * 2} {Name}\");", [])));
        var outDir = Path.Combine(_dir, "out");

        var r = CliRunner.Run(null, "notebooks", "run", nb, "--out", outDir, "-p", "Flip", "0.2", "-p", "Name", "x \"y\"");

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "params.ipynb")))!["cells"]!.AsArray();
        Assert.Equal(3, executed.Count);
        Assert.Contains("injected-parameters", executed[1]!["metadata"]!["tags"]!.ToJsonString());
        Assert.Equal("0.4 x \"y\"\n", string.Concat(executed[2]!["outputs"]![0]!["text"]!.AsArray().Select(t => (string?)t)));
    }

    [Fact]
    public void Trace_prints_each_cells_phases_in_order_and_the_notebooks_totals_from_a_kernel_without_language_warm_up()
    {
        var nb = Path.Combine(_dir, "traced.ipynb");
        File.WriteAllText(nb, Notebook(("var x = 20;\nConsole.WriteLine(Environment.GetEnvironmentVariable(\"BAROMETER_KERNEL_LANGUAGE_WARMUP\"));", []), ("x + 22", [])));

        var r = CliRunner.Run(null, "notebooks", "run", nb, "--out", Path.Combine(_dir, "out"), "--trace");

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        // A headless run asks for no completions, so its kernel does not warm the language services up.
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "out", "traced.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("0\n", string.Concat(executed[0]!["outputs"]![0]!["text"]!.AsArray().Select(t => (string?)t)));
        var traces = (r.Stdout + r.Stderr).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("trace:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, traces.Count); // two cells, then the notebook
        foreach (var cell in traces.Take(2))
        {
            var order = CellPhases.Select(p => cell.IndexOf(p, StringComparison.Ordinal)).ToList();
            Assert.True(order.All(i => i > 0) && order.SequenceEqual(order.Order()), cell);
        }

        Assert.Contains("format ", traces[1], StringComparison.Ordinal);
        Assert.DoesNotContain("format ", traces[0], StringComparison.Ordinal);
        Assert.Matches(@"^trace: .+ in all: kernel start .+; cells .+ \(preprocess .+, parse .+, compile .+, run .+, format .+\); images .+; kernel stop .+; the rest ", traces[2]);
    }
}
