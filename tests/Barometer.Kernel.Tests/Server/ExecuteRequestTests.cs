using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

#pragma warning disable CA1861 // Expected values stay written inline where the test uses them.

namespace Barometer.Kernel.Tests.Server;

/// <summary>What an <c>execute_request</c> publishes, in memory: order, content, parents, counts, history, stdin.</summary>
public class ExecuteRequestTests
{
    [Fact]
    public async Task A_cell_publishes_input_streams_displays_and_result_in_order_between_busy_and_idle()
    {
        await using var kernel = new InMemoryKernel();

        var request = kernel.Execute("""
            Console.WriteLine("out");
            Console.Error.WriteLine("err");
            var shown = display(HTML("<b>first</b>"));
            shown.Update(2);
            40 + 2
            """);
        var reply = await kernel.ReplyAsync(request);
        var iopub = await kernel.IopubAsync(request);

        Assert.Equal(["status", "execute_input", "stream", "stream", "display_data", "update_display_data", "execute_result", "status"], iopub.Select(m => m.MessageType));
        Assert.All(iopub, m => Assert.Equal(request.MessageId, m.ParentMessageId));
        Assert.Equal(("stdout", "out\n"), ((string?)iopub[2].Content["name"], (string?)iopub[2].Content["text"]));
        Assert.Equal(("stderr", "err\n"), ((string?)iopub[3].Content["name"], (string?)iopub[3].Content["text"]));
        Assert.Equal("<b>first</b>", (string?)iopub[4].Content["data"]!["text/html"]);
        Assert.Equal((string?)iopub[4].Content["transient"]!["display_id"], (string?)iopub[5].Content["transient"]!["display_id"]);
        Assert.Equal("42", (string?)iopub[6].Content["data"]!["text/plain"]);
        Assert.Equal(("ok", 1), ((string?)reply.Content["status"], (int?)reply.Content["execution_count"]));
        Assert.Equal(1, (int?)iopub[1].Content["execution_count"]);
        Assert.Equal(1, (int?)iopub[6].Content["execution_count"]);
    }

    [Fact]
    public async Task An_error_is_published_and_replied_with_the_cell_line()
    {
        await using var kernel = new InMemoryKernel();

        var request = kernel.Execute("var a = 1;\nthrow new InvalidOperationException(\"boom\");", stopOnError: false);
        var reply = await kernel.ReplyAsync(request);
        var error = Assert.Single(await kernel.IopubAsync(request), m => m.MessageType == "error");

        Assert.Equal(("error", "InvalidOperationException"), ((string?)reply.Content["status"], (string?)reply.Content["ename"]));
        Assert.Equal(("boom", "Exception", 2), ((string?)error.Content["evalue"], (string?)error.Content["error_kind"], (int?)error.Content["line"]));
        Assert.Contains("line 2", (string?)error.Content["traceback"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_output_is_published_while_the_cell_still_runs()
    {
        await using var kernel = new InMemoryKernel();

        // The cell cannot go on before the test answers its input request, which it does only once "started" arrived.
        var request = kernel.Execute("Console.WriteLine(\"started\");\nConsole.ReadLine();\nConsole.WriteLine(\"done\");", allowStdin: true);
        var started = await kernel.WaitForIopubAsync(request, "stream");
        Assert.DoesNotContain(kernel.Sent, m => m.Channel == KernelChannel.Shell && InMemoryKernel.IsChildOf(m, request));
        kernel.Send("input_reply", new JsonObject { ["value"] = string.Empty }, KernelChannel.Stdin);
        var reply = await kernel.ReplyAsync(request);

        Assert.Equal("started\n", (string?)started.Content["text"]);
        Assert.Equal("ok", (string?)reply.Content["status"]);
        Assert.Equal(["started\n", "done\n"], (await kernel.IopubAsync(request)).Where(m => m.MessageType == "stream").Select(m => (string?)m.Content["text"]));
    }

    [Fact]
    public async Task Console_ReadLine_asks_on_stdin_with_the_cell_as_parent_and_fails_clearly_without_stdin()
    {
        await using var kernel = new InMemoryKernel();

        var asking = kernel.Execute("var name = Console.ReadLine();\nConsole.WriteLine($\"hello {name}\");", allowStdin: true);
        var input = await kernel.WaitForAsync(m => m.Channel == KernelChannel.Stdin && InMemoryKernel.IsChildOf(m, asking));
        kernel.Send("input_reply", new JsonObject { ["value"] = "Ada" }, KernelChannel.Stdin);
        await kernel.ReplyAsync(asking);
        var refused = await kernel.ReplyAsync(kernel.Execute("Console.ReadLine()", stopOnError: false));

        Assert.Equal(("input_request", false), (input.Message.MessageType, (bool?)input.Message.Content["password"]));
        Assert.Equal("hello Ada\n", (string?)(await kernel.IopubAsync(asking)).Single(m => m.MessageType == "stream").Content["text"]);
        Assert.Equal("error", (string?)refused.Content["status"]);
        Assert.Contains("does not accept input", (string?)refused.Content["evalue"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_publishes_only_status_and_takes_no_count_and_history_keeps_the_inputs()
    {
        await using var kernel = new InMemoryKernel();

        await kernel.ReplyAsync(kernel.Execute("\"first\""));
        var silent = kernel.Execute("Console.WriteLine(\"quiet\"); 5", silent: true);
        await kernel.ReplyAsync(silent);
        var next = await kernel.ReplyAsync(kernel.Execute("6 * 7"));
        var history = await kernel.ReplyAsync(kernel.Send("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 5, ["output"] = true, ["raw"] = true }));

        Assert.Equal(["status", "status"], (await kernel.IopubAsync(silent)).Select(m => m.MessageType));
        Assert.Equal(2, (int?)next.Content["execution_count"]);
        var entries = history.Content["history"]!.AsArray().Select(e => ((int?)e![1], (string?)e[2]![0], (string?)e[2]![1])).ToList();
        Assert.Equal([(1, "\"first\"", "first"), (2, "6 * 7", "42")], entries);
    }

    [Fact]
    public async Task A_cell_over_its_output_limit_sends_no_more_than_the_limit_and_the_notices()
    {
        await using var kernel = new InMemoryKernel(new Barometer.Kernel.Server.KernelServerOptions
        {
            SessionFactory = () => new Barometer.Kernel.Execution.ScriptSession(new Barometer.Kernel.Execution.ScriptSessionOptions { OutputLimit = 10_000 }),
            WarmUpLanguageServices = false,
        });

        var request = kernel.Execute("""
            Console.Write(new string('s', 1_000_000));
            display(HTML(new string('h', 1_000_000)));
            new string('r', 1_000_000)
            """);
        await kernel.ReplyAsync(request);
        var iopub = await kernel.IopubAsync(request);

        Assert.Equal(["status", "execute_input", "stream", "display_data", "execute_result", "status"], iopub.Select(m => m.MessageType));
        Assert.InRange(iopub.Sum(m => m.Content.ToJsonString().Length), 10_000, 11_500);
        Assert.EndsWith("… stdout truncated here: a cell's output is limited to 10,000 characters (--output-limit). --full-outputs keeps full outputs in files.\n",
            (string?)iopub[2].Content["text"], StringComparison.Ordinal);
        Assert.StartsWith("… display truncated: it is 2,000,000 characters (text/html, text/plain)", (string?)iopub[3].Content["data"]!["text/plain"], StringComparison.Ordinal);
        Assert.StartsWith("… result truncated: it is 1,000,000 characters (text/plain)", (string?)iopub[4].Content["data"]!["text/plain"], StringComparison.Ordinal);
    }
}
