using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;
using NetMQ;
using NetMQ.Sockets;

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>Tests that need a kernel process of their own: signatures, restart, death, shutdown.</summary>
public class KernelLifecycleTests
{
    [Fact]
    public async Task A_message_signed_with_the_wrong_key_is_not_executed_and_the_next_good_one_is()
    {
        using var dir = new TempDirectory();
        var marker = dir.File("executed.txt");
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());

        using (var intruder = new DealerSocket())
        {
            intruder.Options.Linger = TimeSpan.FromSeconds(1);
            intruder.Connect(client.Connection.Endpoint(client.Connection.ShellPort));
            var forged = JupyterMessage.Create(
                "execute_request",
                new JsonObject { ["code"] = $"System.IO.File.WriteAllText(@\"{marker}\", \"x\");", ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false },
                "intruder");
            intruder.SendMultipartMessage(WireFormat.Encode(forged, new MessageSigner("not-the-key")));
            await Task.Delay(500);
        }

        var good = await client.ExecuteToEndAsync($"System.IO.File.Exists(@\"{marker}\")");

        Assert.Equal("ok", good.Status);
        Assert.Equal("False", (string?)good.Outputs.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
        Assert.False(File.Exists(marker));
        Assert.Contains("invalid signature", client.RecentStandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_gives_a_fresh_session_in_a_new_process()
    {
        var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());
        await client.ExecuteToEndAsync("var remembered = 5;");
        var firstProcess = client.ProcessId;

        await using var restarted = await client.RestartAsync();
        var outcome = await restarted.ExecuteToEndAsync("remembered", new ExecuteOptions { StopOnError = false });

        Assert.NotEqual(firstProcess, restarted.ProcessId);
        Assert.True(client.HasExited);
        Assert.Equal("error", outcome.Status);
        Assert.Contains("CS0103", (string?)outcome.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.Equal(1, outcome.ExecutionCount);
    }

    [Fact]
    public async Task A_cell_that_exits_the_process_fails_the_call_with_DeadKernelException()
    {
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());

        var dead = await Assert.ThrowsAsync<DeadKernelException>(() => client.ExecuteToEndAsync("Console.WriteLine(\"bye\");\nEnvironment.Exit(3);"));

        Assert.Equal(3, dead.ExitCode);
        Assert.Contains("exit code 3", dead.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DeadKernelException>(() => client.ExecuteToEndAsync("1"));
    }

    [Fact]
    public async Task Shutdown_ends_the_process_cleanly()
    {
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());

        await client.ShutdownAsync(grace: TimeSpan.FromSeconds(20));

        Assert.True(client.HasExited);
        Assert.Equal(0, client.ExitCode); // exited by itself: a kill after the grace period would give 137
    }
}
