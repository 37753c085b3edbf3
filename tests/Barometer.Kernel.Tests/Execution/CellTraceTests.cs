using System.Text.Json.Nodes;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Running;
using Barometer.Kernel.Tests.Support;
using static Barometer.Kernel.Tests.Support.Notebooks;

namespace Barometer.Kernel.Tests.Execution;

/// <summary>
/// A cell's trace: the phases it went through, in order, carried from the session to the reply and the runner's progress.
/// Durations are not asserted (they depend on the machine), only which phases ran and in what order.
/// </summary>
public class CellTraceTests
{
    // The compiler's background warm-up may still run when a cell of this test process starts: its wait is a phase too.
    private static string[] Names(CellTrace trace) => [.. trace.Phases.Select(p => p.Name).Where(n => n != CellTracePhases.WarmUp)];

    [Fact]
    public async Task A_cell_with_a_value_is_traced_through_preprocess_parse_compile_run_and_format_in_order()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "trace.ipynb" });

        var result = await session.ExecuteAsync("var xs = new[] { 1, 2, 3 };\nxs.Sum()");

        Assert.Equal([CellTracePhases.Preprocess, CellTracePhases.Parse, CellTracePhases.Compile, CellTracePhases.Run, CellTracePhases.Format], Names(result.Trace));
        Assert.All(result.Trace.Phases, p => Assert.True(p.Duration >= TimeSpan.Zero && p.JitTime >= TimeSpan.Zero && p.AssembliesLoaded >= 0, p.ToString()));
        Assert.True(result.Trace.Phases.Single(p => p.Name == CellTracePhases.Compile).AssembliesLoaded >= 1, "the cell's own assembly is loaded when it compiles");
    }

    [Fact]
    public async Task A_statement_has_no_format_phase_and_a_compile_error_ends_the_trace_at_compile()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "trace.ipynb" });

        var statement = await session.ExecuteAsync("Console.WriteLine(1);");
        var broken = await session.ExecuteAsync("int y = \"text\";\nundefinedName + 1");

        Assert.Equal([CellTracePhases.Preprocess, CellTracePhases.Parse, CellTracePhases.Compile, CellTracePhases.Run], Names(statement.Trace));
        Assert.Equal(CellExecutionStatus.Failed, broken.Status);
        Assert.Equal([CellTracePhases.Preprocess, CellTracePhases.Parse, CellTracePhases.Compile], Names(broken.Trace));
    }

    [Fact]
    public async Task A_cell_compiled_in_one_pass_still_reports_every_binding_error_and_the_session_goes_on()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "trace.ipynb" });

        var result = await session.ExecuteAsync("int y = \"text\";\nint z = 1.5;");
        var next = await session.ExecuteAsync("1 + 1");

        Assert.Equal(CellExecutionStatus.Failed, result.Status);
        var report = string.Join("\n", result.Error!.Traceback);
        Assert.Contains("line 1", report, StringComparison.Ordinal);
        Assert.Contains("error CS0029", report, StringComparison.Ordinal); // string to int, line 1
        Assert.Contains("error CS0266", report, StringComparison.Ordinal); // double to int, line 2
        Assert.Equal(2, next.ReturnValue);
    }

    [Fact]
    public void A_trace_round_trips_through_its_reply_json_and_reads_nothing_from_other_json()
    {
        var trace = new CellTrace([
            new TracePhase(CellTracePhases.Compile, TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(3.25), 1),
            new TracePhase(CellTracePhases.Run, TimeSpan.FromMilliseconds(40), TimeSpan.Zero, 0),
        ]);

        var read = CellTrace.FromJson(JsonNode.Parse(trace.ToJson().ToJsonString()));

        Assert.Equal(trace.Phases, read!.Phases);
        Assert.Equal("compile 12.5 ms (JIT 3.3 ms, 1 assembly loaded), run 40.0 ms", read.ToString());
        Assert.Null(CellTrace.FromJson(new JsonObject()));
        Assert.Null(CellTrace.FromJson(new JsonArray(new JsonObject { ["ms"] = 1 })));
    }

    [Fact]
    public async Task The_execute_reply_carries_the_trace_in_its_metadata()
    {
        await using var kernel = new InMemoryKernel();

        var ok = await kernel.ReplyAsync(kernel.Execute("40 + 2"));
        var failed = await kernel.ReplyAsync(kernel.Execute("throw new Exception(\"x\");", stopOnError: false));

        var okTrace = CellTrace.FromJson(ok.Metadata[CellTrace.MetadataKey]);
        Assert.Equal([CellTracePhases.Preprocess, CellTracePhases.Parse, CellTracePhases.Compile, CellTracePhases.Run, CellTracePhases.Format], Names(okTrace!));
        Assert.Equal([CellTracePhases.Preprocess, CellTracePhases.Parse, CellTracePhases.Compile, CellTracePhases.Run], Names(CellTrace.FromJson(failed.Metadata[CellTrace.MetadataKey])!));
    }

    [Fact]
    public async Task The_runner_reports_each_finished_cell_with_its_trace_from_a_kernel_process_and_in_process()
    {
        using var dir = new TempDirectory();
        var input = Save(dir, "traced.ipynb", Create(Code("var x = 1;"), Code("x + 1")));
        var inProcess = new List<CellProgress>();
        var overProtocol = new List<CellProgress>();

        await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("a.ipynb") }, new ListProgress(inProcess));
        var result = await NotebookRunner.RunAsync(input, new NotebookRunOptions { OutputPath = dir.File("b.ipynb"), Kernel = KernelHostProgram.StartInfo() }, new ListProgress(overProtocol));

        foreach (var progress in new[] { inProcess, overProtocol })
        {
            var finished = progress.Where(p => p.Stage == CellProgressStage.Succeeded).ToList();
            Assert.True(finished.Count == 2, string.Join("; ", progress.Select(p => $"{p.CellNumber} {p.Stage} {p.Message}")));
            Assert.Equal(CellTracePhases.Run, Names(finished[0].Trace!)[^1]);
            Assert.Equal(CellTracePhases.Format, Names(finished[1].Trace!)[^1]);
            Assert.All(progress.Where(p => p.Stage == CellProgressStage.Started), p => Assert.Null(p.Trace));
        }

        // The kernel process's start and its stop (asked to stop, and ended: part of the run apart from the start and the
        // cells) are reported, as the CLI's --trace prints them; how long they took is not asserted.
        Assert.NotEqual(TimeSpan.Zero, result.KernelStartup);
        Assert.NotEqual(TimeSpan.Zero, result.KernelShutdown);
    }

    private sealed class ListProgress(List<CellProgress> sink) : IProgress<CellProgress>
    {
        public void Report(CellProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
