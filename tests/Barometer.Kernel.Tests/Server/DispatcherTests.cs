using System.Text.Json.Nodes;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Server;

/// <summary>The dispatcher against an in-memory front end: order of handling, busy/idle, replies and their parents.</summary>
public class DispatcherTests
{
    [Fact]
    public async Task The_kernel_says_starting_first_and_wraps_every_request_in_busy_and_idle_with_the_request_as_parent()
    {
        await using var kernel = new InMemoryKernel();

        var request = kernel.Send("kernel_info_request");
        var reply = await kernel.ReplyAsync(request);
        var iopub = await kernel.IopubAsync(request);

        var first = kernel.Sent[0];
        Assert.Equal((KernelChannel.IOPub, "status", "starting"), (first.Channel, first.Message.MessageType, (string?)first.Message.Content["execution_state"]));
        Assert.Empty(first.Message.ParentHeader);
        Assert.Equal(["busy", "idle"], iopub.Select(m => (string?)m.Content["execution_state"]));
        Assert.All(iopub, m => Assert.Equal(request.MessageId, m.ParentMessageId));
        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal(request.MessageId, reply.ParentMessageId);
        // As sent: busy, then the reply, then idle.
        var own = kernel.Sent.Where(m => InMemoryKernel.IsChildOf(m, request)).Select(m => m.Message.MessageType).ToList();
        Assert.Equal(["status", "kernel_info_reply", "status"], own);
    }

    [Fact]
    public async Task Kernel_info_reply_describes_protocol_implementation_and_language()
    {
        await using var kernel = new InMemoryKernel();

        var reply = await kernel.ReplyAsync(kernel.Send("kernel_info_request"));

        var content = reply.Content;
        Assert.Equal(("ok", "5.3", KernelInfo.ImplementationName), ((string?)content["status"], (string?)content["protocol_version"], (string?)content["implementation"]));
        var language = content["language_info"]!.AsObject();
        Assert.Equal(("csharp", ".cs", "text/x-csharp"), ((string?)language["name"], (string?)language["file_extension"], (string?)language["mimetype"]));
    }

    [Fact]
    public async Task Requests_on_shell_are_answered_in_the_order_received_and_control_replies_on_control()
    {
        await using var kernel = new InMemoryKernel();

        var history = kernel.Send("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 3, ["output"] = false, ["raw"] = true });
        var complete = kernel.Send("is_complete_request", new JsonObject { ["code"] = "if (true) {" });
        var info = kernel.Send("kernel_info_request", channel: KernelChannel.Control);
        var completeReply = await kernel.ReplyAsync(complete);
        var infoReply = await kernel.WaitForAsync(m => InMemoryKernel.IsChildOf(m, info) && m.Channel != KernelChannel.IOPub);

        var shellReplies = kernel.Sent.Where(m => m.Channel == KernelChannel.Shell).Select(m => (m.Message.MessageType, m.Message.ParentMessageId)).ToList();
        Assert.Equal([("history_reply", history.MessageId), ("is_complete_reply", complete.MessageId)], shellReplies);
        Assert.Equal((KernelChannel.Control, "kernel_info_reply"), (infoReply.Channel, infoReply.Message.MessageType));
        Assert.Equal(("incomplete", "    "), ((string?)completeReply.Content["status"], (string?)completeReply.Content["indent"]));
    }

    [Fact]
    public async Task An_unknown_message_type_gets_busy_and_idle_no_reply_and_a_log_line()
    {
        await using var kernel = new InMemoryKernel();

        var unknown = kernel.Send("frobnicate_request", new JsonObject { ["x"] = 1 });
        var after = kernel.Send("kernel_info_request");
        await kernel.ReplyAsync(after);

        Assert.Equal(["status", "status"], (await kernel.IopubAsync(unknown)).Select(m => m.MessageType));
        Assert.DoesNotContain(kernel.Sent, m => m.Channel != KernelChannel.IOPub && InMemoryKernel.IsChildOf(m, unknown));
        Assert.Contains("unknown message type 'frobnicate_request'", kernel.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_is_answered_while_the_warm_up_after_kernel_info_still_waits_for_Roslyn()
    {
        using var roslynLoaded = new ManualResetEventSlim();
        var warmUpStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var kernel = new InMemoryKernel(new KernelServerOptions
        {
            // Stands for a host's warm-up that takes long (loading Roslyn): it holds until the test lets it go.
            AfterFirstKernelInfo = () =>
            {
                warmUpStarted.TrySetResult();
                roslynLoaded.Wait(TimeSpan.FromMinutes(1));
            },
            WarmUpLanguageServices = false,
        });

        await kernel.ReplyAsync(kernel.Send("kernel_info_request"));
        await warmUpStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var history = await kernel.ReplyAsync(kernel.Send("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 10, ["output"] = false, ["raw"] = true }));
        roslynLoaded.Set();

        Assert.Equal(("history_reply", "ok"), (history.MessageType, (string?)history.Content["status"]));
        Assert.Empty(history.Content["history"]!.AsArray());
    }

    [Fact]
    public async Task The_language_services_are_warmed_up_after_the_first_kernel_info_reply_and_serve_the_first_completion()
    {
        var warmUps = 0;
        var warmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var kernel = new InMemoryKernel(new KernelServerOptions
        {
            SessionFactory = () => new ScriptSession(),
            CodeAssistance = session => new CountingAssistance(_ =>
            {
                Interlocked.Increment(ref warmUps);
                warmed.TrySetResult();
                return Task.CompletedTask;
            }),
        });

        await kernel.ReplyAsync(kernel.Send("kernel_info_request"));
        await kernel.ReplyAsync(kernel.Send("kernel_info_request"));
        await warmed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var completion = await kernel.ReplyAsync(kernel.Send("complete_request", new JsonObject { ["code"] = "Con", ["cursor_pos"] = 3 }));

        Assert.Equal(1, warmUps);
        Assert.Equal(["Console"], completion.Content["matches"]!.AsArray().Select(m => (string?)m));
    }

    [Fact]
    public async Task A_completion_request_is_answered_while_the_language_warm_up_goes_on()
    {
        var warmUp = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var kernel = new InMemoryKernel(new KernelServerOptions
        {
            SessionFactory = () => new ScriptSession(),
            // A warm-up that only ends when it is cancelled: the completion must not cancel it (it loads what the next needs).
            CodeAssistance = session => new CountingAssistance(token =>
            {
                var run = Task.Delay(Timeout.Infinite, token);
                warmUp.TrySetResult(run);
                return run;
            }),
        });

        await kernel.ReplyAsync(kernel.Send("kernel_info_request"));
        var running = await warmUp.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var completion = await kernel.ReplyAsync(kernel.Send("complete_request", new JsonObject { ["code"] = "Con", ["cursor_pos"] = 3 }));

        Assert.Equal(["Console"], completion.Content["matches"]!.AsArray().Select(m => (string?)m));
        Assert.False(running.IsCompleted, "the warm-up was not cancelled by the completion request");
    }

    [Fact]
    public async Task A_cell_supersedes_the_language_warm_up_which_starts_again_after_it()
    {
        var warmUps = new List<Task>();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var kernel = new InMemoryKernel(new KernelServerOptions
        {
            SessionFactory = () => new ScriptSession(),
            // A warm-up that only ends when it is cancelled, as a long one would be mid-way when a cell arrives.
            CodeAssistance = session => new CountingAssistance(token =>
            {
                var run = Task.Delay(Timeout.Infinite, token);
                lock (warmUps)
                {
                    warmUps.Add(run);
                    (warmUps.Count == 1 ? firstStarted : secondStarted).TrySetResult();
                }

                return run;
            }),
        });

        await kernel.ReplyAsync(kernel.Send("kernel_info_request"));
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var cell = await kernel.ReplyAsync(kernel.Execute("1 + 1"));
        await secondStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("ok", (string?)cell.Content["status"]);
        lock (warmUps)
        {
            Assert.Equal(2, warmUps.Count);
            Assert.True(warmUps[0].IsCanceled, "the first warm-up was cancelled when the cell came");
            Assert.False(warmUps[1].IsCompleted);
        }
    }

    [Fact]
    public async Task Interrupt_on_control_is_handled_while_a_cell_runs_on_shell()
    {
        await using var kernel = new InMemoryKernel();
        var cell = kernel.Execute("Console.WriteLine(\"waiting\");\nawait Task.Delay(-1, CancellationToken);", stopOnError: false);
        await kernel.WaitForIopubAsync(cell, "stream");

        var interrupt = kernel.Send("interrupt_request", channel: KernelChannel.Control);
        var interruptReply = await kernel.ReplyAsync(interrupt);
        var reply = await kernel.ReplyAsync(cell);

        Assert.Equal(("interrupt_reply", "ok"), (interruptReply.MessageType, (string?)interruptReply.Content["status"]));
        Assert.Equal(("error", "OperationCanceledException"), ((string?)reply.Content["status"], (string?)reply.Content["ename"]));
        Assert.Equal(["status", "interrupt_reply", "status"], kernel.Sent.Where(m => InMemoryKernel.IsChildOf(m, interrupt)).Select(m => m.Message.MessageType));
    }

    [Fact]
    public async Task After_a_failure_with_stop_on_error_the_requests_received_before_it_are_aborted_and_later_ones_run()
    {
        await using var kernel = new InMemoryKernel();
        // The first cell holds at Console.ReadLine until the test answers: the second is then surely queued behind it.
        var failing = kernel.Execute("Console.ReadLine();\nthrow new Exception(\"first fails\");", allowStdin: true);
        var input = await kernel.WaitForAsync(m => m.Channel == KernelChannel.Stdin && InMemoryKernel.IsChildOf(m, failing));
        var queued = kernel.Execute("Console.WriteLine(\"must not run\");");
        var alsoQueued = kernel.Send("is_complete_request", new JsonObject { ["code"] = "1" });
        kernel.Send("input_reply", new JsonObject { ["value"] = "go" }, KernelChannel.Stdin);

        var failed = await kernel.ReplyAsync(failing);
        var aborted = await kernel.ReplyAsync(queued);
        var other = await kernel.ReplyAsync(alsoQueued);
        var later = await kernel.ReplyAsync(kernel.Execute("1"));

        Assert.Equal("input_request", input.Message.MessageType);
        Assert.Equal("error", (string?)failed.Content["status"]);
        Assert.Equal("aborted", (string?)aborted.Content["status"]);
        Assert.DoesNotContain(await kernel.IopubAsync(queued), m => m.MessageType == "stream");
        Assert.Equal("complete", (string?)other.Content["status"]); // only execute requests are aborted
        Assert.Equal("ok", (string?)later.Content["status"]);
    }

    [Fact]
    public async Task Without_stop_on_error_the_queued_request_runs()
    {
        await using var kernel = new InMemoryKernel();
        var failing = kernel.Execute("Console.ReadLine();\nthrow new Exception(\"fails alone\");", stopOnError: false, allowStdin: true);
        await kernel.WaitForAsync(m => m.Channel == KernelChannel.Stdin && InMemoryKernel.IsChildOf(m, failing));
        var queued = kernel.Execute("2 + 3");
        kernel.Send("input_reply", new JsonObject { ["value"] = string.Empty }, KernelChannel.Stdin);

        Assert.Equal("error", (string?)(await kernel.ReplyAsync(failing)).Content["status"]);
        Assert.Equal("ok", (string?)(await kernel.ReplyAsync(queued)).Content["status"]);
    }

    [Fact]
    public async Task Shutdown_replies_on_control_and_stops_the_server()
    {
        var kernel = new InMemoryKernel();
        var shutdown = kernel.Send("shutdown_request", new JsonObject { ["restart"] = true }, KernelChannel.Control);

        var reply = await kernel.ReplyAsync(shutdown);

        Assert.Equal(("shutdown_reply", "ok", true), (reply.MessageType, (string?)reply.Content["status"], (bool?)reply.Content["restart"]));
        await kernel.DisposeAsync();
    }

    private sealed class CountingAssistance(Func<CancellationToken, Task> warmUp) : Barometer.Kernel.Language.ICodeAssistance
    {
        public Task<Barometer.Kernel.Language.CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken) =>
            Task.FromResult(new Barometer.Kernel.Language.CompletionResult(["Console"], 0, cursorPosition, [new(0, cursorPosition, "Console", "class")]));

        public Task<Barometer.Kernel.Language.InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken) =>
            Task.FromResult(Barometer.Kernel.Language.InspectionResult.NotFound);

        public Task WarmUpAsync(CancellationToken cancellationToken) => warmUp(cancellationToken);
    }
}
