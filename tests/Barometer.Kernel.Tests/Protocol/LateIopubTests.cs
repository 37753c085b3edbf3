using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server.Dispatch;
using Barometer.Kernel.Server.Transport;

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>
/// A request's iopub messages that come after its <c>status</c> idle (a chart's PNG as <c>update_display_data</c>, sent
/// when the browser has rendered it) reach <see cref="KernelClient.LateIopub"/>, whenever they arrive: before the
/// <c>execute_reply</c> or after it. A scripted kernel on real ZeroMQ sockets sends them at the moments under test.
/// </summary>
public sealed class LateIopubTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_update_published_after_idle_and_before_the_reply_reaches_LateIopub()
    {
        await using var kernel = new ScriptedKernel();
        await using var client = KernelClient.Connect(kernel.Connection);
        await ScriptedKernel.JoinIopubAsync(client);
        var late = new TaskCompletionSource<JupyterMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.LateIopub = message =>
        {
            if (message.MessageType == "update_display_data")
            {
                late.TrySetResult(message);
            }
        };

        var seen = new List<string>();
        await using var messages = client.ExecuteAsync("display(chart)").GetAsyncEnumerator();
        while (await messages.MoveNextAsync().AsTask().WaitAsync(Bound))
        {
            seen.Add(StatusOrType(messages.Current));
            if (messages.Current.MessageType == "status" && StatusOrType(messages.Current) == "idle")
            {
                break;
            }
        }

        // The client has read the idle and now waits for the reply: the kernel publishes the PNG in between, and
        // answers only once the client has handed the update on (before the fix it went into a channel nobody read).
        var reply = messages.MoveNextAsync().AsTask();
        kernel.PublishUpdate.TrySetResult();
        var update = await late.Task.WaitAsync(Bound);
        kernel.SendReply.TrySetResult();
        Assert.True(await reply.WaitAsync(Bound));

        Assert.Equal(["busy", "display_data", "idle"], seen);
        Assert.Equal("execute_reply", messages.Current.MessageType);
        Assert.Equal("chart-1", (string?)update.Content["transient"]!["display_id"]);
        Assert.False(await messages.MoveNextAsync());
    }

    [Fact]
    public async Task An_update_queued_right_behind_the_idle_reaches_LateIopub_once()
    {
        await using var kernel = new ScriptedKernel { UpdateRightAfterIdle = true };
        await using var client = KernelClient.Connect(kernel.Connection);
        await ScriptedKernel.JoinIopubAsync(client);
        var updates = new List<JupyterMessage>();
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.LateIopub = message =>
        {
            if (message.MessageType == "update_display_data")
            {
                lock (updates)
                {
                    updates.Add(message);
                }

                late.TrySetResult();
            }
        };
        kernel.SendReply.TrySetResult();

        var outcome = await client.ExecuteToEndAsync("display(chart)").WaitAsync(Bound);
        await late.Task.WaitAsync(Bound);

        Assert.Equal("ok", outcome.Status);
        Assert.DoesNotContain(outcome.Outputs, m => m.MessageType == "update_display_data");
        Assert.Single(updates);
    }

    private static string StatusOrType(JupyterMessage message) =>
        message.MessageType == "status" ? (string)message.Content["execution_state"]! : message.MessageType;

    /// <summary>
    /// A kernel that answers <c>kernel_info_request</c> (with busy/idle on iopub) and runs every <c>execute_request</c>
    /// as a chart cell: busy, a <c>display_data</c> with a display id, idle; then the display's update, published
    /// when <see cref="PublishUpdate"/> is set (or at once after the idle), and the reply when <see cref="SendReply"/> is set.
    /// </summary>
    private sealed class ScriptedKernel : IAsyncDisposable
    {
        private readonly ZeroMqTransport _transport;
        private readonly MessageSender _sender;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        public ScriptedKernel()
        {
            Connection = ConnectionInfo.CreateWithFreePorts();
            _transport = new ZeroMqTransport(Connection, TextWriter.Null);
            _sender = new MessageSender(_transport);
            _serving = _transport.RunAsync((channel, request) => _ = Task.Run(() => AnswerAsync(channel, request)), _stop.Token);
        }

        public ConnectionInfo Connection { get; }

        public bool UpdateRightAfterIdle { get; init; }

        public TaskCompletionSource PublishUpdate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SendReply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// A SUB socket sees nothing published before it has joined: asks for kernel info until the iopub status of one
        /// request comes back (to <see cref="KernelClient.LateIopub"/>, as no request awaits it).
        /// </summary>
        public static async Task JoinIopubAsync(KernelClient client)
        {
            using var deadline = new CancellationTokenSource(Bound);
            while (true)
            {
                var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                client.LateIopub = message => joined.TrySetResult();
                await client.KernelInfoAsync(deadline.Token);
                try
                {
                    await joined.Task.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
                    client.LateIopub = null;
                    return;
                }
                catch (TimeoutException)
                {
                    // not joined yet: ask again
                }
            }
        }

        private async Task AnswerAsync(KernelChannel channel, JupyterMessage request)
        {
            if (channel != KernelChannel.Shell)
            {
                return;
            }

            _sender.Status("busy", request);
            if (request.MessageType == "kernel_info_request")
            {
                _sender.Status("idle", request);
                _sender.Reply(KernelChannel.Shell, "kernel_info_reply", new JsonObject { ["status"] = "ok", ["protocol_version"] = JupyterMessage.ProtocolVersion }, request);
                return;
            }

            _sender.Publish("display_data", Display("text/plain", "chart"), request);
            _sender.Status("idle", request);
            if (!UpdateRightAfterIdle)
            {
                await PublishUpdate.Task;
            }

            _sender.Publish("update_display_data", Display("image/png", "iVBORw0KGgo="), request);
            await SendReply.Task;
            _sender.Reply(KernelChannel.Shell, "execute_reply", new JsonObject { ["status"] = "ok", ["execution_count"] = 1 }, request);
        }

        private static JsonObject Display(string mime, string value) => new()
        {
            ["data"] = new JsonObject { [mime] = value },
            ["metadata"] = new JsonObject(),
            ["transient"] = new JsonObject { ["display_id"] = "chart-1" },
        };

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _transport.Dispose();
            await _serving.WaitAsync(Bound).ConfigureAwait(false);
            _stop.Dispose();
        }
    }
}
