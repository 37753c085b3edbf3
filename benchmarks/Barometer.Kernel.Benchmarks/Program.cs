using Barometer.Kernel.Benchmarks;
using Barometer.Kernel.Execution;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --filter '*'   (BenchmarkDotNet, warm process)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --cold [LAUNCHES]  (fresh processes)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --suite [RUNS]  (every notebook: in process vs a kernel process each)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --jupyter [LABEL=]KERNELSPEC_DIR...  (Jupyter kernels side by side:
//     e.g. csharp=P/share/jupyter/kernels/csharp, written by `barometer kernel install --prefix P`, and ipykernel=/usr/share/jupyter/kernels/python3)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --language [REQUESTS]  (completion/inspection latency, warm #r nuget)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --first-answers [LABEL=]KERNELSPEC_DIR...  (a fresh kernel's first history,
//     completion and execute replies, side by side, e.g. with ipykernel=/usr/share/jupyter/kernels/python3)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --project-check [PROJECT] [PAIRS]  (#:project's up-to-date check vs a no-op dotnet build)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --memory [CELLS] [LABEL=]KERNELSPEC_DIR...  (a long session's memory:
//     heap after a full GC and RSS every 200 one-line cells, e.g. 2000 cells in csharp=… and ipykernel=/usr/share/jupyter/kernels/python3)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --targets [--runs N] [--barometer "CMD ARGS"] [--dotnet-interactive PATH] [ROW...]
//     (the speed targets side by side with the peers, one table; rows: notebooks suite notebook01 kernel runall size export memory)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --compile-pass  (a cell bound once vs Compile() then run: CPU per cell)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --compile-pass pdb  (a cell emitted with its PDB vs without: CPU per cell)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --warm-cell [CELLS]  (a warm `1 + 1` in process: wall, CPU, phases, compile steps)
//     --warm-cell-pathless PAIRS / --warm-cell-sequential PAIRS  (A/B of the compile: path-less framework references; concurrentBuild off)
//     --warm-cell-loop SESSIONS  (sessions of 50 `1 + 1` cells, for a profiler)
// This program is a process host: cells' console text goes to their outputs.
ConsoleCapture.Install();
return args switch
{
    ["--targets", .. var targetArgs] => await TargetsProbe.RunAsync(targetArgs),
    ["--compile-pass"] => await CompilePassProbe.RunAsync(100, 5),
    ["--compile-pass", "pdb"] => await CompilePassProbe.RunPdbAsync(100, 5),
    ["--warm-cell-loop", var sessions] => await WarmCellProbe.LoopAsync(int.Parse(sessions, System.Globalization.CultureInfo.InvariantCulture)),
    ["--warm-cell-pathless", var abPairs] => await WarmCellProbe.PathlessAbAsync(int.Parse(abPairs, System.Globalization.CultureInfo.InvariantCulture)),
    ["--warm-cell-sequential", var seqPairs] => await WarmCellProbe.ConcurrentBuildAbAsync(int.Parse(seqPairs, System.Globalization.CultureInfo.InvariantCulture)),
    ["--warm-cell"] => await WarmCellProbe.RunAsync(200),
    ["--warm-cell", var warmCells, "pathless"] => await WarmCellProbe.RunAsync(int.Parse(warmCells, System.Globalization.CultureInfo.InvariantCulture), pathless: true),
    ["--warm-cell", var warmCells] => await WarmCellProbe.RunAsync(int.Parse(warmCells, System.Globalization.CultureInfo.InvariantCulture)),
    ["--language"] => await LanguageBench.RunAsync(100),
    ["--language", var requests] => await LanguageBench.RunAsync(int.Parse(requests, System.Globalization.CultureInfo.InvariantCulture)),
    ["--cold-child", var mode] => await ColdStartProbe.RunChildAsync(mode),
    ["--cold"] => ColdStartProbe.RunParent(3),
    ["--suite-child", var output, .. var notebooks] => await SuiteIsolationProbe.RunChildAsync(output, notebooks),
    ["--suite"] => SuiteIsolationProbe.RunParent(3),
    ["--suite", var runs] => SuiteIsolationProbe.RunParent(int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    ["--memory", var cells, .. var memorySpecs] when int.TryParse(cells, out var count) && memorySpecs.Length > 0 => await SessionMemoryProbe.RunAsync(memorySpecs, count),
    ["--memory", .. var memorySpecs] when memorySpecs.Length > 0 => await SessionMemoryProbe.RunAsync(memorySpecs, 2000),
    ["--jupyter", .. var kernelSpecs] when kernelSpecs.Length > 0 => await JupyterKernelComparison.RunAsync(kernelSpecs, launches: 5, rounds: 50),
    ["--first-answers", .. var kernelSpecs] when kernelSpecs.Length > 0 => await FirstAnswersProbe.RunAsync(kernelSpecs, launches: 5),
    ["--project-check"] => await ProjectCheckProbe.RunAsync("src/Barometer.Analysis", 5),
    ["--project-check", var project] => await ProjectCheckProbe.RunAsync(project, 5),
    ["--project-check", var project, var pairs] => await ProjectCheckProbe.RunAsync(project, int.Parse(pairs, System.Globalization.CultureInfo.InvariantCulture)),
    ["--cold", var launches] => ColdStartProbe.RunParent(int.Parse(launches, System.Globalization.CultureInfo.InvariantCulture)),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args);
    return 0;
}
