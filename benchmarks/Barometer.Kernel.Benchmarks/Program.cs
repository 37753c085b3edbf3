using BenchmarkDotNet.Running;
using Barometer.Kernel.Benchmarks;
using Barometer.Kernel.Execution;

// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --filter '*'   (BenchmarkDotNet, warm process)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --cold [LAUNCHES]  (fresh processes)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --jupyter [LABEL=]KERNELSPEC_DIR...  (Jupyter kernels side by side:
//     e.g. csharp=P/share/jupyter/kernels/csharp, written by `barometer kernel install --prefix P`, and ipykernel=/usr/share/jupyter/kernels/python3)
// This program is a process host: cells' console text goes to their outputs.
ConsoleCapture.Install();
return args switch
{
    ["--cold-child", var mode] => await ColdStartProbe.RunChildAsync(mode),
    ["--cold"] => ColdStartProbe.RunParent(3),
    ["--jupyter", .. var kernelSpecs] when kernelSpecs.Length > 0 => await JupyterKernelComparison.RunAsync(kernelSpecs, launches: 5, rounds: 50),
    ["--cold", var launches] => ColdStartProbe.RunParent(int.Parse(launches, System.Globalization.CultureInfo.InvariantCulture)),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args);
    return 0;
}
