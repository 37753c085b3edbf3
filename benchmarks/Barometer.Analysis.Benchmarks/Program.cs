// Run from the repository root, in Release:
//   dotnet run -c Release --project benchmarks/Barometer.Analysis.Benchmarks -- --filter '*'
//   dotnet run -c Release --project benchmarks/Barometer.Analysis.Benchmarks -- --filter "*FigureExport*"   (needs Chromium)
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// A short job (1 launch, 1 warm-up, 5 iterations), run in process: BenchmarkDotNet 0.14 does not know the net10.0
// moniker well enough to generate and build a separate benchmark project, and in-process is plenty for these
// allocation-free loops. Memory diagnoser on: the simulation must not allocate per run.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(5)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("Short"))
    .AddDiagnoser(MemoryDiagnoser.Default);

BenchmarkSwitcher.FromAssembly(typeof(Barometer.Analysis.Benchmarks.SensitivityBenchmarks).Assembly).Run(args, config);
