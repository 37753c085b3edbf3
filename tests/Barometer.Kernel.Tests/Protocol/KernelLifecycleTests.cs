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
            // Order, not time: one connection keeps its order, so when this signed request's reply arrives the kernel
            // has read (and refused) the forged one before it.
            var signer = new MessageSigner(client.Connection.Key);
            intruder.SendMultipartMessage(WireFormat.Encode(JupyterMessage.Create("kernel_info_request", new JsonObject(), "intruder"), signer));
            Assert.Equal("kernel_info_reply", ReceiveReply(intruder, signer).MessageType);
        }

        var good = await client.ExecuteToEndAsync($"System.IO.File.Exists(@\"{marker}\")");

        Assert.Equal("ok", good.Status);
        Assert.Equal("False", (string?)good.Outputs.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
        Assert.False(File.Exists(marker));
        Assert.Contains("invalid signature", client.RecentStandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_request_sent_again_byte_for_byte_is_not_executed_again()
    {
        using var dir = new TempDirectory();
        var marker = dir.File("runs.txt");
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());
        var signer = new MessageSigner(client.Connection.Key);
        using var sender = new DealerSocket();
        sender.Options.Linger = TimeSpan.Zero;
        sender.Connect(client.Connection.Endpoint(client.Connection.ShellPort));
        var append = WireFormat.Encode(Execute($"System.IO.File.AppendAllText(@\"{marker}\", \"x\");"), signer);

        sender.SendMultipartMessage(append);
        Assert.Equal("ok", (string?)ReceiveReply(sender, signer).Content["status"]);
        sender.SendMultipartMessage(append); // the same frames again: a replay
        sender.SendMultipartMessage(WireFormat.Encode(Execute($"System.IO.File.ReadAllText(@\"{marker}\")"), signer));
        var read = ReceiveReply(sender, signer); // one connection keeps its order: the replay came before this

        Assert.Equal("execute_reply", read.MessageType);
        Assert.Equal("ok", (string?)read.Content["status"]);
        Assert.Equal("x", File.ReadAllText(marker));
        Assert.Contains("duplicate signature", client.RecentStandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_file_is_private_to_its_user_in_a_private_folder()
    {
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());
        var file = client.ConnectionFile!;

        Assert.True(File.Exists(file));
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        if (OtherUser.CanSwitch)
        {
            var (exitCode, output) = OtherUser.Run("cat", file);
            Assert.NotEqual(0, exitCode);
            Assert.DoesNotContain(client.Connection.Key, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_runtime_folder_others_can_read_is_made_private_before_a_connection_file_goes_in()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDirectory();
        var runtime = dir.File("runtime");
        Directory.CreateDirectory(runtime);
        File.SetUnixFileMode(runtime, (UnixFileMode)0b111_101_101); // 0755, as a careless umask leaves it

        Assert.True(JupyterPaths.TryMakePrivate(runtime));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(runtime));
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

    private static JupyterMessage Execute(string code) => JupyterMessage.Create(
        "execute_request",
        new JsonObject { ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false },
        "replay-test");

    private static JupyterMessage ReceiveReply(DealerSocket socket, MessageSigner signer)
    {
        var received = new NetMQMessage();
        Assert.True(socket.TryReceiveMultipartMessage(TimeSpan.FromSeconds(60), ref received), "no reply within 60 s");
        Assert.True(WireFormat.TryDecode(WireFormat.Frames(received), signer, out var reply, out var problem), problem);
        return reply!;
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
