using Barometer.Kernel.Protocol;

namespace Barometer.Notebooks.Tests;

/// <summary>The kernel the notebooks run in: the built <c>barometer kernel start</c>, a process per notebook, as in <c>notebooks run</c>.</summary>
internal static class BarometerKernel
{
    public static KernelStartInfo StartInfo { get; } = new(
    [
        Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet",
        Path.Combine(AppContext.BaseDirectory, "barometer.dll"),
        "kernel", "start", "-f", "{connection_file}",
    ]);
}
