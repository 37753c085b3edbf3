using Barometer.Kernel.Execution;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis.CSharp.Scripting;

namespace Barometer.Kernel.Tests.Execution;

/// <summary>
/// How a cell's submission is compiled to keep a warm cell cheap: without Roslyn's concurrent build, which must not change
/// what a cell does.
/// </summary>
public class WarmCellCompileTests
{
    [Fact]
    public async Task A_submission_is_compiled_without_the_concurrent_build()
    {
        var script = CSharpScript.Create("1 + 1", ScriptEnvironment.Shared.BaseOptions, typeof(NotebookGlobals));
        Assert.True(script.GetCompilation().Options.ConcurrentBuild); // what Roslyn's scripting API sets

        SequentialBuild.Apply(script);

        Assert.False(script.GetCompilation().Options.ConcurrentBuild);
        Assert.Equal(2, (await script.RunAsync(new NotebookGlobals())).ReturnValue);
    }

    [Fact]
    public async Task Cells_compiled_this_way_keep_their_state_and_their_tracebacks_name_cell_and_line()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { DocumentName = "warm.ipynb" });

        var first = await session.ExecuteAsync("var numbers = new List<int> { 1, 2, 3 };\nnumbers.Sum()");
        var second = await session.ExecuteAsync("numbers.Select(n => n * 2).Max()");
        var failing = await session.ExecuteAsync(new CellSubmission("var a = 1;\nthrow new InvalidOperationException(\"boom\");") { CellNumber = 7 });

        Assert.Equal(6, first.ReturnValue);
        Assert.Equal(6, second.ReturnValue);
        Assert.Equal(CellExecutionStatus.Failed, failing.Status);
        Assert.Contains(failing.Error!.Traceback, line => line.Contains("in cell 7, line 2", StringComparison.Ordinal));
    }
}
