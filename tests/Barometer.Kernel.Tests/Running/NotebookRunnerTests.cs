using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Parameters;
using Barometer.Kernel.Running;
using Barometer.Kernel.Tests.Support;
using static Barometer.Kernel.Tests.Support.Notebooks;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Running;

public class NotebookRunnerTests
{
    private static Notebook ThreeCellsSecondFails() => Create(
        Markdown("# Failing"),
        Code("var ok = 1;\nConsole.WriteLine(\"first\");"),
        Code("var a = ok;\nthrow new InvalidOperationException(\"second cell broke\");"),
        Code("Console.WriteLine(\"third\");\nok + 1"));

    [Fact]
    public async Task Runs_a_notebook_and_writes_an_executed_nbformat_4_5_copy_with_timing_metadata()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "nb.ipynb", Create(Markdown("# Title"), Code("var x = 20;\nConsole.WriteLine(\"hi\");"), Code("x + 22"), new NotebookCell(CellType.Raw, "raw")));
        var original = File.ReadAllText(input);
        var progress = new List<CellProgress>();

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("out/nb.ipynb") }, new SyncProgress(progress));

        Assert.True(result.Succeeded);
        Assert.Equal((4, 2, 2, 0), (result.CellCount, result.CodeCellCount, result.CellsExecuted, result.CellsFailed));
        Assert.Equal(original, File.ReadAllText(input)); // the source is not modified
        var executed = await NotebookFile.LoadAsync(result.OutputPath!);
        Assert.Equal(5, executed.NbFormatMinor);
        Assert.All(executed.Cells, c => Assert.True(Notebook.IsValidCellId(c.Id!)));
        Assert.Equal(new int?[] { 1, 2 }, executed.Cells.Where(c => c.CellType == CellType.Code).Select(c => c.ExecutionCount));
        Assert.Equal("hi\n", executed.Cells[1].Outputs.Single().Text);
        Assert.Equal("42", executed.Cells[2].Outputs.Single().Data["text/plain"]);
        Assert.Equal(2, executed.Cells[2].Outputs.Single().ExecutionCount);
        var cellMeta = executed.Cells[2].Metadata["notebook_runner"]!;
        Assert.Equal("completed", cellMeta["status"]!.GetValue<string>());
        Assert.True(cellMeta["duration"]!.GetValue<double>() >= 0);
        Assert.EndsWith("Z", cellMeta["start_time"]!.GetValue<string>(), StringComparison.Ordinal);
        var runMeta = executed.Metadata["notebook_runner"]!["execution"]!;
        Assert.Equal("completed", runMeta["status"]!.GetValue<string>());
        Assert.Equal(2, runMeta["cells_executed"]!.GetValue<int>());
        Assert.Equal(".net-csharp", executed.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(new[] { CellProgressStage.Started, CellProgressStage.Succeeded, CellProgressStage.Started, CellProgressStage.Succeeded }, progress.Select(p => p.Stage));
        Assert.Equal(new[] { 2, 2, 3, 3 }, progress.Select(p => p.CellNumber));
    }

    [Fact]
    public async Task Stops_at_the_first_error_writes_the_partial_notebook_and_reports_the_cell()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "failing.ipynb", ThreeCellsSecondFails());
        var output = dir.File("out/failing.ipynb");

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = output });

        Assert.Equal(NotebookRunStatus.Failed, result.Status);
        Assert.Equal((2, 1), (result.CellsExecuted, result.CellsFailed));
        var error = result.FirstError!;
        Assert.Equal((3, 2, 2), (error.CellNumber, error.ExecutionCount, error.Line));
        Assert.Equal("InvalidOperationException", error.EName);
        Assert.Equal("second cell broke", error.EValue);
        Assert.Equal(output, error.OutputPath);
        Assert.Contains("failed at cell 3 (execution count 2): InvalidOperationException: second cell broke", error.Message, StringComparison.Ordinal);
        Assert.Contains(">   2 | throw new InvalidOperationException(\"second cell broke\");", error.Message, StringComparison.Ordinal);
        Assert.Contains("at <cell 3> in cell 3, line 2", error.Message, StringComparison.Ordinal);
        Assert.Same(error, Assert.Throws<NotebookExecutionException>(() => result.EnsureSuccess()));

        var partial = await NotebookFile.LoadAsync(output);
        Assert.Equal("first\n", partial.Cells[1].Outputs.Single().Text);
        var errorOutput = partial.Cells[2].Outputs.Single();
        Assert.Equal(("error", "InvalidOperationException"), (errorOutput.OutputType, errorOutput.EName));
        Assert.Equal("failed", partial.Cells[2].Metadata["notebook_runner"]!["status"]!.GetValue<string>());
        Assert.Null(partial.Cells[3].ExecutionCount);
        Assert.Empty(partial.Cells[3].Outputs);
        Assert.Equal("pending", partial.Cells[3].Metadata["notebook_runner"]!["status"]!.GetValue<string>());
        Assert.Equal("failed", partial.Metadata["notebook_runner"]!["execution"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AllowErrors_keeps_going_but_the_run_still_fails()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "failing.ipynb", ThreeCellsSecondFails());

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("o.ipynb"), AllowErrors = true });

        Assert.Equal(NotebookRunStatus.Failed, result.Status);
        Assert.Equal((3, 1, 3), (result.CellsExecuted, result.CellsFailed, result.FirstError!.CellNumber));
        var executed = await NotebookFile.LoadAsync(dir.File("o.ipynb"));
        Assert.Equal("2", executed.Cells[3].Outputs.Single(o => o.OutputType == "execute_result").Data["text/plain"]);
    }

    [Fact]
    public async Task Raises_exception_cells_may_fail_and_skip_execution_cells_do_not_run()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "tags.ipynb", Create(
            Code("throw new ArgumentException(\"expected\");", NotebookCell.RaisesExceptionTag),
            Code("throw new Exception(\"never runs\");", NotebookCell.SkipExecutionTag),
            Code("1 + 1")));

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("o.ipynb") });

        Assert.True(result.Succeeded, result.FirstError?.Message);
        Assert.Equal((2, 1), (result.CellsExecuted, result.CellsFailed));
        var executed = await NotebookFile.LoadAsync(dir.File("o.ipynb"));
        Assert.Equal("ArgumentException", executed.Cells[0].Outputs.Single().EName);
        Assert.True(executed.Cells[0].Metadata["notebook_runner"]!["expected_error"]!.GetValue<bool>());
        Assert.Equal("skipped", executed.Cells[1].Metadata["notebook_runner"]!["status"]!.GetValue<string>());
        Assert.Null(executed.Cells[1].ExecutionCount);
        Assert.Equal(2, executed.Cells[2].ExecutionCount);
    }

    [Fact]
    public async Task Other_language_cells_fail_the_run_with_their_cell_number()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "poly.ipynb", Create(Code("var a = 1;"), NotebookCell.CreateCode("let b = 2", "fsharp")));

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("o.ipynb") });

        Assert.Equal(CellErrorKind.UnsupportedLanguage, result.FirstError!.Kind);
        Assert.Contains("Cell 2 is a 'fsharp' cell", result.FirstError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_stops_the_run_even_with_AllowErrors()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "slow.ipynb", Create(Code("await Task.Delay(10000);"), Code("1")));

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("o.ipynb"), CellTimeout = TimeSpan.FromMilliseconds(200), AllowErrors = true });

        Assert.Equal(CellErrorKind.Timeout, result.FirstError!.Kind);
        Assert.Equal("TimeoutException", result.FirstError.EName);
        Assert.Equal(1, result.CellsExecuted);
        var executed = await NotebookFile.LoadAsync(dir.File("o.ipynb"));
        Assert.Equal("timed-out", executed.Cells[0].Metadata["notebook_runner"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Parameters_are_injected_and_in_place_rerun_replaces_them()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "params.ipynb", Create(Code("var Flip = 0.1;\nstring Scenario = \"a.yaml\";", NotebookCell.ParametersTag), Code("$\"{Flip}:{Scenario}\"")));

        var first = await NotebookRunner.RunAsync(input, new NotebookRunOptions { InPlace = true, Parameters = [new("Flip", "0.5"), new("Scenario", "b \"q\".yaml")] });
        var second = await NotebookRunner.RunAsync(input, new NotebookRunOptions { InPlace = true, Parameters = [new("Flip", "0.75")] });

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(Path.GetFullPath(input), second.OutputPath);
        var executed = await NotebookFile.LoadAsync(input);
        Assert.Equal(3, executed.Cells.Count);
        Assert.True(executed.Cells[1].HasTag(NotebookCell.InjectedParametersTag));
        Assert.Equal("0.75:a.yaml", executed.Cells[2].Outputs.Single().Data["text/plain"]);
        Assert.Equal(0.75, executed.Metadata["notebook_runner"]!["parameters"]!["Flip"]!.GetValue<double>());
    }

    [Fact]
    public async Task Bad_parameter_values_throw_before_running()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "p.ipynb", Create(Code("int N = 1;", NotebookCell.ParametersTag)));

        await Assert.ThrowsAsync<ParameterException>(() => NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("o.ipynb"), Parameters = [new("N", "x")] }));
        Assert.False(File.Exists(dir.File("o.ipynb")));
    }

    [Fact]
    public async Task Dib_notebooks_run_relative_paths_use_the_notebook_folder_and_the_output_is_ipynb()
    {
        using var dir = new TempDirectory();
        dir.Write("nbs/data/value.txt", "41");
        var name = "Lib" + Guid.NewGuid().ToString("N");
        TinyAssembly.Emit(dir.File($"nbs/bin/{name}.dll"), name, "public static class Adder { public static int AddOne(int x) => x + 1; }");
        var input = dir.Write("nbs/calc.dib", $"#!meta\n\n{{\"kernelInfo\":{{\"defaultKernelName\":\"csharp\",\"items\":[{{\"aliases\":[],\"name\":\"csharp\"}}]}}}}\n\n#!markdown\n\n# Calc\n\n#!csharp\n\n#r \"bin/{name}.dll\"\nvar v = int.Parse(System.IO.File.ReadAllText(\"data/value.txt\"));\n\n#!csharp\n\nAdder.AddOne(v)\n");
        var cwd = Directory.GetCurrentDirectory();

        // In its own kernel process, whose working directory is the notebook's folder (this process's is untouched).
        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("out/calc.ipynb"), Kernel = KernelHostProgram.StartInfo() });

        Assert.True(result.Succeeded, result.FirstError?.Message);
        Assert.Equal(cwd, Directory.GetCurrentDirectory());
        var executed = await NotebookFile.LoadAsync(dir.File("out/calc.ipynb"));
        Assert.Equal("42", executed.Cells[2].Outputs.Single().Data["text/plain"]);
        Assert.Equal(".net-csharp", executed.Metadata["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Executed_notebook_has_the_shape_nbformat_4_5_requires()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "shape.ipynb", Create(Markdown("m"), Code("Console.WriteLine(1);\ndisplay(new[] { new { A = 1 } });\n2"), Code("throw new Exception(\"e\");", NotebookCell.RaisesExceptionTag)));

        await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("o.ipynb") });

        var json = JsonNode.Parse(File.ReadAllText(dir.File("o.ipynb")))!.AsObject();
        Assert.Equal(4, json["nbformat"]!.GetValue<int>());
        Assert.Equal(5, json["nbformat_minor"]!.GetValue<int>());
        foreach (var cell in json["cells"]!.AsArray().Select(c => c!.AsObject()))
        {
            var type = cell["cell_type"]!.GetValue<string>();
            Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", cell["id"]!.GetValue<string>());
            Assert.IsType<JsonObject>(cell["metadata"]);
            Assert.IsType<JsonArray>(cell["source"]);
            Assert.Equal(type == "code", cell.ContainsKey("outputs"));
            Assert.Equal(type == "code", cell.ContainsKey("execution_count"));
            foreach (var output in cell["outputs"]?.AsArray().Select(o => o!.AsObject()) ?? [])
            {
                var expectedKeys = output["output_type"]!.GetValue<string>() switch
                {
                    "stream" => new[] { "name", "output_type", "text" },
                    "display_data" => ["data", "metadata", "output_type"],
                    "execute_result" => ["data", "execution_count", "metadata", "output_type"],
                    "error" => ["ename", "evalue", "output_type", "traceback"],
                    var other => throw new Xunit.Sdk.XunitException("unexpected output type " + other),
                };
                Assert.Equal(expectedKeys, output.Select(p => p.Key).Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Needs_an_output_path_or_in_place()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "x.ipynb", Create(Code("1")));

        await Assert.ThrowsAsync<ArgumentException>(() => NotebookRunner.RunAsync(input, new NotebookRunOptions()));
    }

    private sealed class SyncProgress(List<CellProgress> sink) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => sink.Add(value);
    }
}
