using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server;

namespace Barometer.Kernel.Tests.Support;

/// <summary>
/// <c>dotnet Barometer.Kernel.Tests.dll kernel -f FILE</c>: a minimal embedding host of <see cref="KernelServer"/>,
/// so the protocol tests drive a real kernel process without depending on the CLI. It does what a host must:
/// install the console capture, run the server, exit when it stops.
/// </summary>
public static class KernelHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["kernel", "-f", var connectionFile])
        {
            await Console.Error.WriteLineAsync("usage: Barometer.Kernel.Tests kernel -f CONNECTION_FILE (the tests run through the test runner)");
            return 2;
        }

        ConsoleCapture.Install();
        using var server = new KernelServer(ConnectionInfo.Load(connectionFile), new KernelServerOptions
        {
            SessionFactory = () => new ScriptSession(new ScriptSessionOptions
            {
                CellTimeout = Timeout.InfiniteTimeSpan,
                InterruptGrace = TimeSpan.FromMilliseconds(300),
            }),
            // As `barometer kernel start`: Roslyn warmed up in the background once the front end has its kernel_info_reply.
            AfterFirstKernelInfo = static () => _ = ScriptEnvironment.Shared.WarmUpAsync(),
        });
        await server.RunAsync();
        return 0;
    }

    /// <summary>How to start this assembly as a kernel.</summary>
    public static KernelStartInfo StartInfo(string? workingDirectory = null)
    {
        var self = typeof(KernelHostProgram).Assembly.Location;
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return new KernelStartInfo([dotnet, self, "kernel", "-f", "{connection_file}"]) { WorkingDirectory = workingDirectory };
    }
}
