using System.Text.Json.Nodes;

namespace Barometer.Cli.Tests;

/// <summary>
/// <c>notebooks run</c> runs each notebook in a kernel process of its own: what a cell does to its process ends that
/// notebook only. Also the checks made before anything runs (output folder, strict parameters).
/// </summary>
public sealed class NotebooksIsolationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-nb-isolation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] cells)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select((source, i) => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"cell-{i + 1}",
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(source.StartsWith("int N", StringComparison.Ordinal) ? [JsonValue.Create("parameters")] : []) },
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            }).ToArray()),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "csharp", ["display_name"] = "C#", ["language"] = "C#" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString());
        return path;
    }

    [Fact]
    public void A_cell_that_exits_its_process_fails_its_notebook_naming_the_cell_while_the_next_notebook_runs()
    {
        var exits = Write("a-exits.ipynb", "Console.WriteLine(\"before\");", "Environment.Exit(0);", "Console.WriteLine(\"after\");");
        var fine = Write("b-fine.ipynb", "Console.WriteLine(\"still running\");");
        var outDir = Path.Combine(_dir, "out");

        var r = CliRunner.Run(null, "notebooks", "run", exits, fine, "--out", outDir, "--jobs", "1");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("a-exits.ipynb: Notebook", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("failed at cell 2", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("DeadKernelError: The kernel died while running cell 2", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 of 2 notebook(s) succeeded, 1 failed.", r.Stdout, StringComparison.Ordinal);
        var partial = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "a-exits.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("before\n", string.Concat(partial[0]!["outputs"]![0]!["text"]!.AsArray().Select(t => (string?)t)));
        Assert.Equal("DeadKernelError", (string?)partial[1]!["outputs"]![0]!["ename"]);
        Assert.Empty(partial[2]!["outputs"]!.AsArray());
        var next = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "b-fine.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("still running\n", string.Concat(next[0]!["outputs"]![0]!["text"]!.AsArray().Select(t => (string?)t)));
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_reported_before_any_cell_runs()
    {
        var nb = Write("nb.ipynb", "Console.WriteLine(\"ran\");");
        var blocker = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(blocker, "a file where the output folder should be");

        var r = CliRunner.Run(null, "notebooks", "run", nb, "--out", Path.Combine(blocker, "out"));

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error: cannot write the executed notebooks to", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("cell 1", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_parameters_make_an_undeclared_parameter_an_error_where_the_default_only_warns()
    {
        var nb = Write("p.ipynb", "int N = 1;", "Console.WriteLine(N);");
        var outDir = Path.Combine(_dir, "out");

        var loose = CliRunner.Run(null, "notebooks", "run", nb, "--out", outDir, "-p", "Typo", "2");
        var strict = CliRunner.Run(null, "notebooks", "run", nb, "--out", outDir, "-p", "Typo", "2", "--strict-parameters");

        Assert.True(loose.ExitCode == 0, loose.Stdout + loose.Stderr);
        Assert.Contains("warning: Parameter 'Typo' is not declared", loose.Stdout + loose.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("Parameter 'Typo' is not declared in the parameters cell; it declares N (strict parameters).", strict.Stderr, StringComparison.Ordinal);
    }
}
