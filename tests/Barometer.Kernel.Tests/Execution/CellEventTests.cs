using System.Collections.Concurrent;
using Barometer.Kernel.Execution;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Execution;

/// <summary>The execution core's event stream, which the runner and the Jupyter server both observe.</summary>
public class CellEventTests
{
    private static ScriptSession NewSession() =>
        new(new ScriptSessionOptions { DocumentName = "events.ipynb", InterruptGrace = TimeSpan.FromMilliseconds(300) });

    [Fact]
    public async Task A_cell_raises_started_streams_display_update_result_finished_in_order_and_outputs_collect_them()
    {
        using var session = NewSession();
        var events = new List<CellEvent>();

        var result = await session.ExecuteAsync(
            new CellSubmission("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\nvar d = display(1);\nd.Update(2);\n3"),
            events.Add);

        Assert.Equal(
            new[] { typeof(CellStarted), typeof(CellRunning), typeof(StreamText), typeof(StreamText), typeof(DisplayShown), typeof(DisplayUpdated), typeof(ResultProduced), typeof(CellFinished) },
            events.Select(e => e.GetType()));
        var shown = (DisplayShown)events[4];
        var updated = (DisplayUpdated)events[5];
        Assert.Equal(shown.DisplayId, updated.DisplayId);
        Assert.Equal(new CellFinished(CellExecutionStatus.Succeeded, 1), events[^1]);

        // The batch view of the same events: one merged stream, the display holding its updated value.
        Assert.Equal(new[] { "stream", "display_data", "execute_result" }, result.Outputs.Select(o => o.OutputType));
        Assert.Equal("ab\n", result.Outputs[0].Text);
        Assert.Equal("2", result.Outputs[1].Data["text/plain"]);
    }

    [Fact]
    public async Task Running_is_raised_once_the_code_compiled_and_never_for_a_cell_that_does_not_compile()
    {
        using var session = NewSession();
        var events = new List<CellEvent>();

        await session.ExecuteAsync(new CellSubmission("int x = ;"), events.Add);
        await session.ExecuteAsync(new CellSubmission("Console.Write(1);"), events.Add);

        Assert.Equal(
            new[] { typeof(CellStarted), typeof(ErrorRaised), typeof(CellFinished), typeof(CellStarted), typeof(CellRunning), typeof(StreamText), typeof(CellFinished) },
            events.Select(e => e.GetType()));
        Assert.Equal(new CellRunning(2), events[4]);
    }

    [Fact]
    public async Task Errors_are_raised_before_finished()
    {
        using var session = NewSession();
        var events = new List<CellEvent>();

        await session.ExecuteAsync(new CellSubmission("throw new Exception(\"x\");"), events.Add);

        Assert.IsType<ErrorRaised>(events[^2]);
        Assert.Equal(CellExecutionStatus.Failed, Assert.IsType<CellFinished>(events[^1]).Status);
    }

    [Fact]
    public async Task Stream_events_arrive_while_the_cell_is_still_running()
    {
        using var session = NewSession();
        var firstLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var texts = new List<string>();

        // The cell holds at Console.ReadLine until the first line was observed: it can end only if that event came while it ran.
        var run = session.ExecuteAsync(
            new CellSubmission("Console.WriteLine(\"progress\");\nConsole.ReadLine();\nConsole.WriteLine(\"done\");")
            {
                Input = (_, _) =>
                {
                    firstLine.Task.Wait(TimeSpan.FromSeconds(60));
                    return string.Empty;
                },
            },
            e =>
            {
                if (e is StreamText text)
                {
                    texts.Add(text.Text);
                    firstLine.TrySetResult(text.Text);
                }
            });

        Assert.Equal("progress\n", await firstLine.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True((await run).Succeeded);
        Assert.Equal(["progress\n", "done\n"], texts);
    }

    [Fact]
    public async Task Interrupt_cancels_the_CancellationToken_global_and_the_next_cell_runs()
    {
        using var session = NewSession();
        var started = new TaskCompletionSource();
        await session.ExecuteAsync("var before = 1;");

        var run = session.ExecuteAsync(new CellSubmission("Console.WriteLine(\"go\");\nawait Task.Delay(60000, CancellationToken);"), e =>
        {
            if (e is StreamText)
            {
                started.TrySetResult();
            }
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        session.Interrupt();
        var interrupted = await run.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await session.ExecuteAsync("before + 1");

        Assert.Equal(CellExecutionStatus.Interrupted, interrupted.Status);
        Assert.Equal(CellErrorKind.Interrupted, interrupted.Error!.Kind);
        Assert.Equal(2, after.ReturnValue);
    }

    [Fact]
    public async Task A_cell_ignoring_the_interrupt_is_abandoned_and_the_session_continues_from_the_state_before_it()
    {
        using var session = NewSession();
        var started = new TaskCompletionSource();
        await session.ExecuteAsync("var counter = 1;");

        var run = session.ExecuteAsync(new CellSubmission("counter = 100;\nConsole.WriteLine(\"spin\");\nwhile (true) { }"), e =>
        {
            if (e is StreamText)
            {
                started.TrySetResult();
            }
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        session.Interrupt();
        var abandoned = await run.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await session.ExecuteAsync("var next = 5;\nnext");

        Assert.Equal(CellExecutionStatus.Interrupted, abandoned.Status);
        Assert.Contains("abandoned", abandoned.Error!.EValue, StringComparison.Ordinal);
        Assert.Equal(5, after.ReturnValue);
    }

    [Fact]
    public async Task Console_ReadLine_is_answered_by_the_submissions_input_function_or_fails_clearly_without_one()
    {
        using var session = NewSession();
        var asked = new ConcurrentQueue<bool>();

        var answered = await session.ExecuteAsync(new CellSubmission("Console.ReadLine() + \"!\"") { Input = (_, password) => { asked.Enqueue(password); return "hi"; } });
        var refused = await session.ExecuteAsync(new CellSubmission("Console.ReadLine()"));

        Assert.Equal("hi!", answered.ReturnValue);
        Assert.Single(asked);
        Assert.Equal(CellExecutionStatus.Failed, refused.Status);
        Assert.Contains("does not accept input", refused.Error!.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_store_history_a_cell_takes_no_execution_count()
    {
        using var session = NewSession();
        await session.ExecuteAsync("1");

        var quiet = await session.ExecuteAsync(new CellSubmission("2") { StoreHistory = false });
        var next = await session.ExecuteAsync("3");

        Assert.Equal(1, quiet.ExecutionCount);
        Assert.Equal(2, next.ExecutionCount);
    }
}
