using BenchmarkDotNet.Running;
using Barometer.Kernel.Benchmarks;

// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --filter '*'   (BenchmarkDotNet, warm process)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --cold [LAUNCHES]  (fresh processes)
// dotnet run -c Release --project benchmarks/Barometer.Kernel.Benchmarks -- --language [REQUESTS]  (completion/inspection latency, warm #r nuget)
return args switch
{
    ["--language"] => await LanguageBench.RunAsync(100),
    ["--language", var requests] => await LanguageBench.RunAsync(int.Parse(requests, System.Globalization.CultureInfo.InvariantCulture)),
    ["--cold-child", var mode] => await ColdStartProbe.RunChildAsync(mode),
    ["--cold"] => ColdStartProbe.RunParent(3),
    ["--cold", var launches] => ColdStartProbe.RunParent(int.Parse(launches, System.Globalization.CultureInfo.InvariantCulture)),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args);
    return 0;
}
