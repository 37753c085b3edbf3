using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>The client against a real kernel process: execution, live output, interrupt, stdin, aborts, introspection.</summary>
public class KernelProcessTests(KernelFixture kernel) : IClassFixture<KernelFixture>
{
    private KernelClient Client => kernel.Client;

    [Fact]
    public async Task Kernel_info_reply_describes_protocol_and_language()
    {
        var reply = await Client.KernelInfoAsync();

        Assert.Equal("ok", (string?)reply.Content["status"]);
        Assert.Equal("5.3", (string?)reply.Content["protocol_version"]);
        var language = reply.Content["language_info"]!.AsObject();
        Assert.Equal(("csharp", "text/x-csharp", ".cs", "csharp", "text/x-csharp"),
            ((string?)language["name"], (string?)language["mimetype"], (string?)language["file_extension"], (string?)language["pygments_lexer"], (string?)language["codemirror_mode"]));
        Assert.True(Client.IsHeartbeatAlive(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_cell_publishes_input_streams_display_update_result_between_busy_and_idle()
    {
        var outcome = await Client.ExecuteToEndAsync("""
            Console.WriteLine("out");
            Console.Error.WriteLine("err");
            var shown = display(HTML("<b>first</b>"));
            shown.Update(2);
            40 + 2
            """);

        Assert.Equal("ok", outcome.Status);
        Assert.Equal("status", outcome.Outputs[0].MessageType);
        Assert.Equal("busy", (string?)outcome.Outputs[0].Content["execution_state"]);
        Assert.Equal("idle", (string?)outcome.Outputs[^1].Content["execution_state"]);
        Assert.Equal(new[] { "status", "execute_input", "stream", "stream", "display_data", "update_display_data", "execute_result", "status" }, outcome.Types());
        Assert.Equal("out\n", outcome.Text());
        Assert.Equal("err\n", outcome.Text("stderr"));
        var display = outcome.Outputs.Single(m => m.MessageType == "display_data");
        var update = outcome.Outputs.Single(m => m.MessageType == "update_display_data");
        Assert.Equal("<b>first</b>", (string?)display.Content["data"]!["text/html"]);
        Assert.Equal("2", (string?)update.Content["data"]!["text/plain"]);
        Assert.Equal((string?)display.Content["transient"]!["display_id"], (string?)update.Content["transient"]!["display_id"]);
        var result = outcome.Outputs.Single(m => m.MessageType == "execute_result");
        Assert.Equal("42", (string?)result.Content["data"]!["text/plain"]);
        Assert.Equal(outcome.ExecutionCount, (int?)result.Content["execution_count"]);
        Assert.Equal(outcome.ExecutionCount, (int?)outcome.Outputs[1].Content["execution_count"]);
    }

    [Fact]
    public async Task An_exception_gives_an_error_message_and_reply_naming_the_cell_line()
    {
        var outcome = await Client.ExecuteToEndAsync("var a = 1;\nthrow new InvalidOperationException(\"boom\");", new ExecuteOptions { StopOnError = false });

        Assert.Equal("error", outcome.Status);
        Assert.Equal("InvalidOperationException", (string?)outcome.Reply.Content["ename"]);
        var error = outcome.Outputs.Single(m => m.MessageType == "error");
        Assert.Equal("boom", (string?)error.Content["evalue"]);
        Assert.Contains("line 2", error.Content["traceback"]!.AsArray().Select(t => (string?)t).First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_output_arrives_while_the_cell_is_still_running()
    {
        // The cell holds at Console.ReadLine until the test answers, which it does only after "started" arrived: the
        // cell can end only if its output came while it ran.
        var sawStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ExecuteOptions
        {
            Input = (_, _) =>
            {
                sawStarted.Task.Wait(TimeSpan.FromSeconds(60));
                return string.Empty;
            },
        };
        var messages = new List<JupyterMessage>();
        await foreach (var message in Client.ExecuteAsync("Console.WriteLine(\"started\");\nConsole.ReadLine();\nConsole.WriteLine(\"done\");", options))
        {
            messages.Add(message);
            if (message.MessageType == "stream" && (string?)message.Content["text"] == "started\n")
            {
                sawStarted.TrySetResult();
            }
        }

        Assert.True(sawStarted.Task.IsCompleted);
        Assert.Equal("ok", (string?)messages[^1].Content["status"]);
        Assert.Equal(["started\n", "done\n"], messages.Where(m => m.MessageType == "stream").Select(m => (string?)m.Content["text"]));
    }

    [Fact]
    public async Task Interrupt_stops_a_cell_that_observes_the_token_and_abandons_one_that_does_not()
    {
        await Client.ExecuteToEndAsync("var kept = 7;");

        var cooperative = await InterruptWhileRunningAsync("Console.WriteLine(\"waiting\");\nawait Task.Delay(60000, CancellationToken);");
        var stubborn = await InterruptWhileRunningAsync("Console.WriteLine(\"spinning\");\nwhile (true) { }");
        var after = await Client.ExecuteToEndAsync("kept");

        Assert.Equal("error", cooperative.Status);
        Assert.Equal("OperationCanceledException", (string?)cooperative.Reply.Content["ename"]);
        Assert.Equal("error", stubborn.Status);
        Assert.Contains("abandoned", (string?)stubborn.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.Equal("ok", after.Status);
        Assert.Equal("7", (string?)after.Outputs.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"]);
    }

    private async Task<ExecutionOutcome> InterruptWhileRunningAsync(string code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var outputs = new List<JupyterMessage>();
        JupyterMessage? reply = null;
        await foreach (var message in Client.ExecuteAsync(code, new ExecuteOptions { StopOnError = false }, timeout.Token))
        {
            outputs.Add(message);
            if (message.MessageType == "stream")
            {
                // The cell is running (compiled, first line done).
                await Client.InterruptAsync(timeout.Token);
            }

            if (message.MessageType == "execute_reply")
            {
                reply = message;
            }
        }

        return new ExecutionOutcome(reply!, outputs);
    }

    [Fact]
    public async Task Console_ReadLine_asks_the_front_end_when_stdin_is_allowed_and_fails_clearly_otherwise()
    {
        const string Code = "var name = Console.ReadLine();\nConsole.WriteLine($\"hello {name}\");";
        var prompts = new List<bool>();

        var allowed = await Client.ExecuteToEndAsync(Code, new ExecuteOptions { Input = (_, password) => { prompts.Add(password); return "Ada"; } });
        var refused = await Client.ExecuteToEndAsync(Code, new ExecuteOptions { StopOnError = false });

        Assert.Equal("hello Ada\n", allowed.Text());
        Assert.Equal([false], prompts);
        Assert.Equal("error", refused.Status);
        Assert.Contains("does not accept input", (string?)refused.Reply.Content["evalue"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_error_with_stop_on_error_the_queued_request_is_aborted_and_later_ones_run()
    {
        // The failing cell holds at Console.ReadLine until the second request is surely queued in the kernel: a
        // comm_info_request sent after it on the same shell socket is answered (on the comm lane) while the cell waits.
        var queuedInKernel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = Client.ExecuteToEndAsync(
            "Console.ReadLine();\nthrow new Exception(\"first fails\");",
            new ExecuteOptions { Input = (_, _) => { queuedInKernel.Task.Wait(TimeSpan.FromSeconds(60)); return string.Empty; } });
        var queued = Client.ExecuteToEndAsync("Console.WriteLine(\"must not run\");");
        await Client.RequestAsync("comm_info_request", new JsonObject());
        queuedInKernel.SetResult();

        Assert.Equal("error", (await failing).Status);
        var aborted = await queued;
        Assert.Equal("aborted", aborted.Status);
        Assert.Equal(string.Empty, aborted.Text());
        Assert.Equal("ok", (await Client.ExecuteToEndAsync("1")).Status);
    }

    [Fact]
    public async Task Silent_execution_publishes_only_status_and_takes_no_execution_count()
    {
        var before = await Client.ExecuteToEndAsync("0");
        var silent = await Client.ExecuteToEndAsync("Console.WriteLine(\"quiet\"); 5", new ExecuteOptions { Silent = true });
        var after = await Client.ExecuteToEndAsync("0");

        Assert.Equal("ok", silent.Status);
        Assert.All(silent.Outputs, m => Assert.Equal("status", m.MessageType));
        Assert.Equal(before.ExecutionCount + 1, after.ExecutionCount);
    }

    [Fact]
    public async Task History_tail_lists_the_latest_inputs_with_their_results()
    {
        await Client.ExecuteToEndAsync("\"history-probe\"");

        var tail = await Client.RequestAsync("history_request", new JsonObject { ["output"] = true, ["raw"] = true, ["hist_access_type"] = "tail", ["n"] = 1 });

        var entry = Assert.Single(tail.Content["history"]!.AsArray())!.AsArray();
        Assert.Equal(1, (int?)entry[0]);
        Assert.Equal("\"history-probe\"", (string?)entry[2]![0]);
        Assert.Equal("history-probe", (string?)entry[2]![1]);
    }

    [Fact]
    public async Task Introspection_requests_answer_with_their_reply_shapes()
    {
        var incomplete = await Client.RequestAsync("is_complete_request", new JsonObject { ["code"] = "if (true) {" });
        var complete = await Client.RequestAsync("complete_request", new JsonObject { ["code"] = "Conso", ["cursor_pos"] = 5 });
        var inspect = await Client.RequestAsync("inspect_request", new JsonObject { ["code"] = "Console", ["cursor_pos"] = 3, ["detail_level"] = 0 });
        var comms = await Client.RequestAsync("comm_info_request", new JsonObject());

        Assert.Equal(("incomplete", "    "), ((string?)incomplete.Content["status"], (string?)incomplete.Content["indent"]));
        // The kernel's own language service answers: Roslyn's completion of the session, the symbol's documentation.
        Assert.Equal(("ok", 0, 5), ((string?)complete.Content["status"], (int?)complete.Content["cursor_start"], (int?)complete.Content["cursor_end"]));
        var matches = complete.Content["matches"]!.AsArray().Select(m => (string?)m).ToList();
        Assert.Contains("Console", matches);
        var types = complete.Content["metadata"]!["_jupyter_types_experimental"]!.AsArray();
        Assert.Equal(matches.Count, types.Count);
        Assert.Equal("class", (string?)types[matches.IndexOf("Console")]!["type"]);
        Assert.Equal(("ok", true), ((string?)inspect.Content["status"], (bool?)inspect.Content["found"]));
        Assert.Contains("Console", (string?)inspect.Content["data"]!["text/plain"], StringComparison.Ordinal);
        Assert.Empty(comms.Content["comms"]!.AsObject());
    }
}
