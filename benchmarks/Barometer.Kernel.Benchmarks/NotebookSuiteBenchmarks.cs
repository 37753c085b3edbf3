using Barometer.Analysis.Loading;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Running;
using BenchmarkDotNet.Attributes;

namespace Barometer.Kernel.Benchmarks;

/// <summary>
/// The repository's own notebook suite (every notebook under <c>notebooks/</c>, in memory, outputs not written) in a
/// warm process: what CI and <c>barometer notebooks run</c> pay per suite once Roslyn is loaded. The notebooks load the
/// library with <c>#:project ../src/Barometer.Analysis</c>; a Debug build of it beforehand keeps that from building.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class NotebookSuiteBenchmarks
{
    private (string Path, Notebook Notebook)[] _suite = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run the benchmark from inside the repository");
        var folder = Path.Combine(root, "notebooks");
        _suite = Directory.GetFiles(folder).Where(NotebookFile.IsNotebookPath).Order(StringComparer.Ordinal)
            .Select(p => (p, NotebookFile.LoadAsync(p).GetAwaiter().GetResult()))
            .ToArray();
        if (_suite.Length == 0)
        {
            throw new InvalidOperationException($"no notebooks under {folder}");
        }

        ScriptEnvironment.Shared.WarmUpAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> WholeSuite()
    {
        var cells = 0;
        foreach (var (path, template) in _suite)
        {
            var result = await HostWorkingDirectory.RunInAsync(Path.GetDirectoryName(path)!, () => NotebookRunner.ExecuteAsync(template.Clone(), path, new NotebookRunOptions()));
            if (!result.Succeeded)
            {
                throw result.FirstError!;
            }

            cells += result.CellsExecuted;
        }
        return cells;
    }
}
