using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>Comms end to end: a real kernel process, the client over ZeroMQ, buffers on the wire.</summary>
public class CommProcessTests
{
    [Fact]
    public async Task A_running_cell_opens_a_comm_sees_a_front_end_message_with_buffers_and_answers_then_the_front_end_closes_it()
    {
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());
        var opened = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        IReadOnlyList<JupyterMessage>? handled = null;
        var cell = new List<JupyterMessage>();

        await foreach (var message in client.ExecuteAsync("""
            using System.Text.Json.Nodes;
            var got = new TaskCompletionSource<CommMessage>();
            var slider = Comms.Open("slider", new JsonObject { ["value"] = 0 });
            slider.MessageReceived += (_, m) => got.TrySetResult(m);
            var seen = await got.Task.WaitAsync(CancellationToken);
            slider.Send(new JsonObject { ["seen"] = seen.Data["value"]!.DeepClone() }, null, [seen.Buffers[0].Reverse().ToArray()]);
            Console.WriteLine($"the slider says {seen.Data["value"]}");
            """.Replace("CommMessage", "Barometer.Kernel.Comms.CommMessage", StringComparison.Ordinal)))
        {
            cell.Add(message);
            if (message.MessageType == "comm_open")
            {
                // The cell is waiting for this message: it can only end if the kernel handles it while the cell runs.
                var id = (string)message.Content["comm_id"]!;
                opened.SetResult(id);
                handled = await client.SendAsync("comm_msg", new JsonObject { ["comm_id"] = id, ["data"] = new JsonObject { ["value"] = 42 } }, [[1, 2, 3]]);
            }
        }

        var commId = await opened.Task;
        var info = await client.RequestAsync("comm_info_request", new JsonObject { ["target_name"] = "slider" });
        var closing = await client.SendAsync("comm_close", new JsonObject { ["comm_id"] = commId, ["data"] = new JsonObject() });
        var after = await client.RequestAsync("comm_info_request", new JsonObject());
        var unknown = await client.SendAsync("comm_msg", new JsonObject { ["comm_id"] = commId, ["data"] = new JsonObject() });

        Assert.Equal("ok", (string?)cell[^1].Content["status"]);
        Assert.Equal(["status", "status"], handled!.Select(m => m.MessageType));
        var answer = cell.Single(m => m.MessageType == "comm_msg");
        Assert.Equal((commId, 42), ((string?)answer.Content["comm_id"], (int?)answer.Content["data"]!["seen"]));
        Assert.Equal(new byte[][] { [3, 2, 1] }, answer.Buffers);
        Assert.Equal("the slider says 42\n", cell.Single(m => m.MessageType == "stream").Content["text"]!.GetValue<string>());
        Assert.Equal(new JsonObject { [commId] = new JsonObject { ["target_name"] = "slider" } }.ToJsonString(), info.Content["comms"]!.ToJsonString());
        Assert.Equal(["status", "status"], closing.Select(m => m.MessageType));
        Assert.Equal("{}", after.Content["comms"]!.ToJsonString());
        Assert.Equal(["status", "status"], unknown.Select(m => m.MessageType));
        Assert.Contains($"comm_msg for comm {commId} ignored", client.RecentStandardError, StringComparison.Ordinal);
    }
}
