using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Comms;

/// <summary>Jupyter comms in both directions, against an in-memory front end.</summary>
public class CommProtocolTests
{
    private const string EchoTarget = """
        using System.Text.Json.Nodes;
        var closedWith = "";
        Comms.RegisterTarget("echo", (comm, open) =>
        {
            comm.MessageReceived += (_, m) => comm.Send(new JsonObject { ["echo"] = m.Data["value"]?.DeepClone(), ["opened_with"] = open.Data["hello"]?.DeepClone() }, m.Metadata, m.Buffers);
            comm.Closed += (_, m) => closedWith = m.Data.ToJsonString();
        });
        """;

    [Fact]
    public async Task A_front_end_opens_a_comm_to_a_registered_target_and_messages_with_buffers_go_both_ways()
    {
        await using var kernel = new InMemoryKernel();
        await kernel.ReplyAsync(kernel.Execute(EchoTarget));

        var open = kernel.Send("comm_open", new JsonObject { ["comm_id"] = "c1", ["target_name"] = "echo", ["data"] = new JsonObject { ["hello"] = "there" } });
        var openIopub = await kernel.IopubAsync(open);
        var message = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = "c1", ["data"] = new JsonObject { ["value"] = 7 } }, buffers: [[1, 2, 3], [255]], metadata: new JsonObject { ["version"] = "2.1.0" });
        var messageIopub = await kernel.IopubAsync(message);
        var info = await kernel.ReplyAsync(kernel.Send("comm_info_request"));
        var filtered = await kernel.ReplyAsync(kernel.Send("comm_info_request", new JsonObject { ["target_name"] = "jupyter.widget" }));
        var close = kernel.Send("comm_close", new JsonObject { ["comm_id"] = "c1", ["data"] = new JsonObject { ["bye"] = true } });
        await kernel.IopubAsync(close);
        var afterClose = await kernel.ReplyAsync(kernel.Send("comm_info_request"));
        var seen = kernel.Execute("closedWith");
        await kernel.ReplyAsync(seen);

        Assert.Equal(["status", "status"], openIopub.Select(m => m.MessageType));
        Assert.Equal(["status", "comm_msg", "status"], messageIopub.Select(m => m.MessageType));
        var echo = messageIopub[1];
        Assert.Equal(message.MessageId, echo.ParentMessageId);
        Assert.Equal("c1", (string?)echo.Content["comm_id"]);
        Assert.Equal((7, "there"), ((int?)echo.Content["data"]!["echo"], (string?)echo.Content["data"]!["opened_with"]));
        Assert.Equal("2.1.0", (string?)echo.Metadata["version"]);
        Assert.Equal(new byte[][] { [1, 2, 3], [255] }, echo.Buffers);
        Assert.Equal("""{"c1":{"target_name":"echo"}}""", info.Content["comms"]!.ToJsonString());
        Assert.Equal("{}", filtered.Content["comms"]!.ToJsonString());
        Assert.Equal("{}", afterClose.Content["comms"]!.ToJsonString());
        Assert.Equal("""{"bye":true}""", (string?)(await kernel.IopubAsync(seen)).Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_comm_the_kernel_opens_in_a_cell_is_published_with_the_cell_as_parent_with_data_and_buffers()
    {
        await using var kernel = new InMemoryKernel();

        var cell = kernel.Execute("""
            using System.Text.Json.Nodes;
            var comm = Comms.Open("kernel.side", new JsonObject { ["x"] = 1 }, new JsonObject { ["version"] = "2.1.0" }, [new byte[] { 9, 8 }]);
            comm.Send(new JsonObject { ["method"] = "update" });
            comm.Close(new JsonObject { ["reason"] = "done" });
            comm.IsOpen
            """);
        await kernel.ReplyAsync(cell);
        var iopub = await kernel.IopubAsync(cell);

        Assert.Equal(["status", "execute_input", "comm_open", "comm_msg", "comm_close", "execute_result", "status"], iopub.Select(m => m.MessageType));
        Assert.All(iopub, m => Assert.Equal(cell.MessageId, m.ParentMessageId));
        var (open, sent, closed) = (iopub[2], iopub[3], iopub[4]);
        var id = (string?)open.Content["comm_id"];
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(("kernel.side", 1, "2.1.0"), ((string?)open.Content["target_name"], (int?)open.Content["data"]!["x"], (string?)open.Metadata["version"]));
        Assert.Equal(new byte[][] { [9, 8] }, open.Buffers);
        Assert.Equal((id, "update"), ((string?)sent.Content["comm_id"], (string?)sent.Content["data"]!["method"]));
        Assert.Equal((id, "done"), ((string?)closed.Content["comm_id"], (string?)closed.Content["data"]!["reason"]));
        Assert.Equal("False", (string?)iopub[5].Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_comm_open_for_an_unknown_target_is_answered_with_comm_close_and_logged()
    {
        await using var kernel = new InMemoryKernel();

        var open = kernel.Send("comm_open", new JsonObject { ["comm_id"] = "nobody", ["target_name"] = "no.such.target", ["data"] = new JsonObject() });
        var iopub = await kernel.IopubAsync(open);
        var info = await kernel.ReplyAsync(kernel.Send("comm_info_request"));

        Assert.Equal(["status", "comm_close", "status"], iopub.Select(m => m.MessageType));
        Assert.Equal("nobody", (string?)iopub[1].Content["comm_id"]);
        Assert.Equal("{}", info.Content["comms"]!.ToJsonString());
        Assert.Contains("no comm target 'no.such.target' is registered", kernel.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comm_msg_for_an_unknown_comm_is_ignored_with_a_log_line()
    {
        await using var kernel = new InMemoryKernel();

        var message = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = "ghost", ["data"] = new JsonObject { ["value"] = 1 } });
        var iopub = await kernel.IopubAsync(message);

        Assert.Equal(["status", "status"], iopub.Select(m => m.MessageType));
        Assert.DoesNotContain(kernel.Sent, m => m.Channel != KernelChannel.IOPub && InMemoryKernel.IsChildOf(m, message));
        Assert.Contains("comm_msg for comm ghost ignored: no such comm is open", kernel.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comm_msg_sent_while_a_cell_runs_is_handled_at_once_and_the_running_cell_sees_it()
    {
        await using var kernel = new InMemoryKernel();

        // The cell waits for the slider's value; it can only end if the comm message is handled while it runs.
        var cell = kernel.Execute("""
            var got = new TaskCompletionSource<int>();
            var slider = Comms.Open("slider");
            slider.MessageReceived += (_, m) => got.TrySetResult((int)m.Data["value"]!);
            Console.WriteLine("ready");
            var value = await got.Task.WaitAsync(CancellationToken);
            Console.WriteLine($"the slider says {value}");
            slider.Send(new System.Text.Json.Nodes.JsonObject { ["seen"] = value });
            """);
        var open = await kernel.WaitForIopubAsync(cell, "comm_open");
        await kernel.WaitForIopubAsync(cell, "stream");
        var message = kernel.Send("comm_msg", new JsonObject { ["comm_id"] = open.Content["comm_id"]!.DeepClone(), ["data"] = new JsonObject { ["value"] = 42 } });
        var handled = await kernel.IopubAsync(message);
        var reply = await kernel.ReplyAsync(cell);
        var iopub = await kernel.IopubAsync(cell);

        Assert.Equal(["status", "status"], handled.Select(m => m.MessageType));
        Assert.Equal("ok", (string?)reply.Content["status"]);
        Assert.Equal(["ready\n", "the slider says 42\n"], iopub.Where(m => m.MessageType == "stream").Select(m => (string?)m.Content["text"]));
        var answer = Assert.Single(iopub, m => m.MessageType == "comm_msg");
        Assert.Equal(42, (int?)answer.Content["data"]!["seen"]);
        // The comm message was handled (busy ... idle) before the cell's reply went out.
        var order = kernel.Sent.Select(m => m.Message).ToList();
        Assert.True(order.IndexOf(handled[^1]) < order.IndexOf(reply));
    }
}
