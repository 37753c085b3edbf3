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
        // --slow-session MS: a kernel whose start-up is slow (its session takes MS milliseconds to create, as a cold
        // Roslyn on a loaded machine does), for the tests of what a cell timeout counts.
        var slowSession = args is [_, _, _, "--slow-session", var ms] ? TimeSpan.FromMilliseconds(int.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.Zero;
        if (args is not (["kernel", "-f", _] or ["kernel", "-f", _, "--slow-session", _]))
        {
            await Console.Error.WriteLineAsync("usage: Barometer.Kernel.Tests kernel -f CONNECTION_FILE [--slow-session MS] (the tests run through the test runner)");
            return 2;
        }

        ConsoleCapture.Install();
        using var server = new KernelServer(ConnectionInfo.Load(args[2]), new KernelServerOptions
        {
            SessionFactory = () =>
            {
                Thread.Sleep(slowSession);
                return new ScriptSession(new ScriptSessionOptions
                {
                    CellTimeout = Timeout.InfiniteTimeSpan,
                    InterruptGrace = TimeSpan.FromMilliseconds(300),
                });
            },
            // As `barometer kernel start`: Roslyn warmed up in the background once the front end has its kernel_info_reply.
            AfterFirstKernelInfo = static () => _ = ScriptEnvironment.Shared.WarmUpAsync(),
        });
        await server.RunAsync();
        return 0;
    }

    /// <summary>How to start this assembly as a kernel; <paramref name="slowSession"/> delays the creation of its session.</summary>
    public static KernelStartInfo StartInfo(string? workingDirectory = null, TimeSpan? slowSession = null)
    {
        var self = typeof(KernelHostProgram).Assembly.Location;
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        List<string> argv = [dotnet, self, "kernel", "-f", "{connection_file}"];
        if (slowSession is { } delay)
        {
            argv.AddRange(["--slow-session", ((int)delay.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return new KernelStartInfo(argv) { WorkingDirectory = workingDirectory };
    }
}
