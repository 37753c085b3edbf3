using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Running;
using BenchmarkDotNet.Attributes;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// Per-notebook costs once the process is warm (Roslyn JIT-compiled, references shared through
/// <see cref="ScriptEnvironment.Shared"/>): what every notebook after the first pays in `barometer notebooks run`.
/// The process-level cold start is measured by <see cref="ColdStartProbe"/> (<c>--cold</c>).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private string _directory = string.Empty;
    private Notebook _template = new();

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "barometer-kernel-bench");
        Directory.CreateDirectory(_directory);
        _template = SampleNotebook.Create();
        ScriptEnvironment.Shared.WarmUpAsync().GetAwaiter().GetResult();
    }

    /// <summary>A new session (as for each notebook) compiling and running its first cell.</summary>
    [Benchmark]
    public async Task<object?> FirstCellInFreshSession()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = _directory, DocumentName = "bench.ipynb" });
        var result = await session.ExecuteAsync("var numbers = new List<int> { 1, 2, 3 };\nnumbers.Sum()");
        return result.ReturnValue;
    }

    /// <summary>A five-code-cell notebook (state, LINQ, a record table, console output, display) run in memory.</summary>
    [Benchmark]
    public async Task<int> SmallNotebook()
    {
        var notebook = _template.Clone();
        var result = await NotebookRunner.ExecuteAsync(notebook, Path.Combine(_directory, "bench.ipynb"), new NotebookRunOptions());
        return result.CellsExecuted;
    }

    /// <summary>The same notebook read from and written to disk (atomic write), as the CLI does.</summary>
    [Benchmark]
    public async Task<int> SmallNotebookFromFile()
    {
        var input = Path.Combine(_directory, "bench-in.ipynb");
        if (!File.Exists(input))
        {
            await NotebookFile.SaveAsync(_template, input);
        }

        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = Path.Combine(_directory, "bench-out.ipynb") });
        return result.CellsExecuted;
    }
}
