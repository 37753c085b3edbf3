using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>
/// The client chooses the kernel's ports (free when chosen); another process may take one before the kernel binds it.
/// Our kernel then dies naming <see cref="ChannelBindException"/>, and the client starts it again on fresh ports.
/// </summary>
public sealed class PortRaceTests
{
    [Fact]
    public async Task A_kernel_that_lost_a_port_race_is_started_again_on_fresh_ports()
    {
        using var dir = new TempDirectory();
        var marker = Path.Combine(dir.Path, "lost-once");
        var connections = Path.Combine(dir.Path, "connections");
        var real = KernelHostProgram.StartInfo();
        // A launcher that records each connection file, loses the race on its first start as our kernel reports it, and
        // starts the real kernel after that.
        var script = Path.Combine(dir.Path, "launch.sh");
        await File.WriteAllTextAsync(script, $$"""
            #!/usr/bin/env bash
            tr -d '\n' < "$1" >> '{{connections}}'; echo >> '{{connections}}'
            if [ ! -e '{{marker}}' ]; then
              touch '{{marker}}'
              echo "Unhandled exception. Barometer.Kernel.Protocol.ChannelBindException: the iopub channel cannot listen on port 1: the port is already in use by another process" >&2
              exit 134
            fi
            exec {{string.Join(" ", real.Argv.Select(a => a == "{connection_file}" ? "\"$1\"" : $"'{a}'"))}}
            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        await using var client = await KernelClient.StartAsync(new KernelStartInfo(["bash", script, "{connection_file}"]));
        var reply = await client.ExecuteToEndAsync("1 + 1");

        Assert.Equal("ok", reply.Status);
        var started = (await File.ReadAllTextAsync(connections)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, started.Length);
        Assert.NotEqual(ConnectionPorts(started[0]), ConnectionPorts(started[1]));
    }

    [Fact]
    public async Task A_kernel_that_dies_for_another_reason_is_not_started_again()
    {
        using var dir = new TempDirectory();
        var count = Path.Combine(dir.Path, "starts");
        var script = Path.Combine(dir.Path, "launch.sh");
        await File.WriteAllTextAsync(script, $$"""
            #!/usr/bin/env bash
            echo start >> '{{count}}'
            echo "Unhandled exception. System.InvalidOperationException: broken" >&2
            exit 134
            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<DeadKernelException>(() => KernelClient.StartAsync(new KernelStartInfo(["bash", script, "{connection_file}"])));

        Assert.Contains("InvalidOperationException", error.Message, StringComparison.Ordinal);
        Assert.Single(await File.ReadAllLinesAsync(count));
    }

    private static readonly string[] PortKeys = ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"];

    private static string ConnectionPorts(string json)
    {
        var info = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        return string.Join(",", PortKeys.Select(k => info[k]!.ToString()));
    }
}
