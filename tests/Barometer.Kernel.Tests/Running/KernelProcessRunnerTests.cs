using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Parameters;
using Barometer.Kernel.Running;
using Barometer.Kernel.Tests.Support;
using static Barometer.Kernel.Tests.Support.Notebooks;

namespace Barometer.Kernel.Tests.Running;

/// <summary>
/// The runner with a kernel process per notebook (<see cref="NotebookRunOptions.Kernel"/>), as <c>notebooks run</c>
/// uses it: the same outputs as in process, and what a cell does to its process ends that notebook only.
/// </summary>
public class KernelProcessRunnerTests
{
    private static NotebookRunOptions InKernelProcess(string output) => new() { OutputPath = output, Kernel = KernelHostProgram.StartInfo() };

    [Fact]
    public async Task A_kernel_process_gives_the_same_outputs_as_the_in_process_session()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "same.ipynb", Create(
            Code("var x = 20;\nConsole.WriteLine(\"out\");\nConsole.Error.WriteLine(\"err\");\nConsole.WriteLine(\"more\");"),
            Code("var h = display(\"first\");\nh.Update(\"replaced\");\nx + 22"),
            Code("throw new InvalidOperationException(\"boom\");")));

        var inProcess = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("a.ipynb"), AllowErrors = true });
        var overProtocol = await NotebookRunner.RunAsync(input, InKernelProcess(dir.File("b.ipynb")) with { AllowErrors = true });

        Assert.Equal(3, inProcess.CellsExecuted);
        Assert.Equal(3, overProtocol.CellsExecuted);
        var a = await NotebookFile.LoadAsync(dir.File("a.ipynb"));
        var b = await NotebookFile.LoadAsync(dir.File("b.ipynb"));
        for (var i = 0; i < a.Cells.Count; i++)
        {
            Assert.Equal(OutputsJson(a.Cells[i]), OutputsJson(b.Cells[i]));
        }

        Assert.Equal(["out\n", "err\n", "more\n"], b.Cells[0].Outputs.Select(o => o.Text));
        Assert.Equal("replaced", b.Cells[1].Outputs[0].Data["text/plain"]);
        Assert.Equal(overProtocol.FirstError!.Line, inProcess.FirstError!.Line);
        Assert.Equal(1, overProtocol.FirstError.Line);
        Assert.Equal(3, overProtocol.FirstError.CellNumber);
    }

    [Fact]
    public async Task Environment_Exit_in_a_cell_ends_its_notebook_with_a_dead_kernel_error_naming_the_cell()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "exit.ipynb", Create(Markdown("# Exits"), Code("Console.WriteLine(\"before\");"), Code("Environment.Exit(0);"), Code("Console.WriteLine(\"never\");")));
        var output = dir.File("out/exit.ipynb");

        var result = await NotebookRunner.RunAsync(input, InKernelProcess(output) with { AllowErrors = true });

        Assert.False(result.Succeeded);
        Assert.Equal(CellErrorKind.KernelDied, result.FirstError!.Kind);
        Assert.Equal("DeadKernelError", result.FirstError.EName);
        Assert.Equal(3, result.FirstError.CellNumber);
        Assert.Contains("The kernel died while running cell 3", result.FirstError.EValue, StringComparison.Ordinal);
        Assert.Contains("exited with code 0", result.FirstError.EValue, StringComparison.Ordinal);
        Assert.Equal(2, result.CellsExecuted); // AllowErrors does not continue on a dead kernel
        var partial = await NotebookFile.LoadAsync(output);
        Assert.Equal("before\n", partial.Cells[1].Outputs.Single().Text);
        Assert.Equal("DeadKernelError", partial.Cells[2].Outputs.Single().EName);
        Assert.Equal("kernel-died", partial.Cells[2].Metadata["notebook_runner"]!["status"]!.GetValue<string>());
        Assert.Equal("pending", partial.Cells[3].Metadata["notebook_runner"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stack_overflow_ends_its_notebook_and_says_so()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "deep.ipynb", Create(Code("int Deep(int n) => Deep(n + 1) + 1;\nDeep(0)")));

        var result = await NotebookRunner.RunAsync(input, InKernelProcess(dir.File("o.ipynb")));

        Assert.Equal(CellErrorKind.KernelDied, result.FirstError!.Kind);
        Assert.Contains("Stack overflow", result.FirstError.EValue, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("o.ipynb")));
    }

    [Fact]
    public async Task A_cell_past_its_timeout_is_interrupted_and_reported_as_timed_out()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "slow.ipynb", Create(Code("await Task.Delay(30000);"), Code("1")));

        var result = await NotebookRunner.RunAsync(input, InKernelProcess(dir.File("o.ipynb")) with { CellTimeout = TimeSpan.FromMilliseconds(300), AllowErrors = true });

        Assert.Equal(CellErrorKind.Timeout, result.FirstError!.Kind);
        Assert.Equal("TimeoutException", result.FirstError.EName);
        Assert.Equal(1, result.CellsExecuted);
    }

    [Fact]
    public async Task The_timeout_counts_from_when_the_cell_starts_running_not_the_kernels_slow_start_up()
    {
        // Issue 18, item 9: under load, --timeout blamed a trivial first cell for the kernel's cold start. Here the
        // kernel takes 3 s to create its session; the cell itself takes microseconds.
        using var dir = new TempDirectory();
        var input = Save(dir, "quick.ipynb", Create(Code("var x = 1;"), Code("x + 1")));

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions
        {
            OutputPath = dir.File("o.ipynb"),
            Kernel = KernelHostProgram.StartInfo(slowSession: TimeSpan.FromSeconds(3)),
            CellTimeout = TimeSpan.FromSeconds(1),
        });

        Assert.True(result.Succeeded, result.FirstError?.Message);
        Assert.Equal(2, result.CellsExecuted);
    }

    [Fact]
    public async Task The_timeout_does_not_count_the_compile_of_a_large_cell_but_still_stops_a_slow_one()
    {
        // A cell of 2,000 statements takes Roslyn seconds to compile and microseconds to run; one that sleeps still
        // times out, with a message that says what was counted.
        using var dir = new TempDirectory();
        var large = "var v0 = 0;\n" + string.Join("\n", Enumerable.Range(1, 1999).Select(i => $"var v{i} = v{i - 1} * 2 % 7 + {i};"));
        var input = Save(dir, "large.ipynb", Create(Code("var warm = 1;"), Code(large), Code("await Task.Delay(30000);")));

        var result = await NotebookRunner.RunAsync(input, InKernelProcess(dir.File("o.ipynb")) with { CellTimeout = TimeSpan.FromSeconds(1), AllowErrors = true });

        Assert.True(result.FirstError!.CellNumber == 3, result.FirstError.Message);
        Assert.Equal(CellErrorKind.Timeout, result.FirstError.Kind);
        Assert.Contains("did not finish within 1 s of starting to run (the per-cell timeout, counted after it compiled)", result.FirstError.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_parameters_make_an_undeclared_name_an_error_before_anything_runs()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "p.ipynb", Create(Code("int N = 1;", NotebookCell.ParametersTag), Code("N")));

        var loose = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("loose.ipynb"), Parameters = [new("M", "2")] });
        var strict = await Assert.ThrowsAsync<ParameterException>(() => NotebookRunner.RunAsync(
            input, new NotebookRunOptions { OutputPath = dir.File("strict.ipynb"), Parameters = [new("M", "2")], StrictParameters = true }));

        Assert.True(loose.Succeeded);
        Assert.Contains(loose.Warnings, w => w.Contains("'M' is not declared", StringComparison.Ordinal));
        Assert.Contains("'M' is not declared in the parameters cell; it declares N", strict.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("strict.ipynb")));
    }

    private static string OutputsJson(NotebookCell cell) =>
        string.Join("\n", cell.Outputs.Select(o => o.ToString()));
}
