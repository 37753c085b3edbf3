using System.Globalization;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Execution;

/// <summary>
/// A session's memory is bounded by what its cells keep, not by how many cells ran. Measured inside a kernel process of
/// its own (no other test's allocations in that heap): the managed heap after a full collection, early and after a few
/// hundred one-line cells that keep almost nothing.
/// </summary>
public class SessionMemoryTests
{
    private const string HeapAfterFullCollection = "GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect(); GC.GetTotalMemory(true)";

    [Fact]
    public async Task Three_hundred_one_line_cells_do_not_grow_the_heap_with_the_cell_count()
    {
        await using var client = await KernelClient.StartAsync(KernelHostProgram.StartInfo());
        for (var i = 1; i <= 50; i++)
        {
            await RunAsync(client, $"var x{i} = {i} + 1;");
        }

        var early = await HeapAsync(client);
        for (var i = 51; i <= 300; i++)
        {
            await RunAsync(client, $"var x{i} = {i} + 1;");
        }

        var late = await HeapAsync(client);

        // About 55 KB a cell is what Roslyn's submission chain itself keeps (syntax, symbols, the emitted assembly).
        // Before the fix these 250 cells grew the heap by 299 MB (22 → 321 MB): each submission re-bound the whole
        // framework's references and the chain kept every binding alive.
        Assert.True(late - early < 40L * 1024 * 1024, $"the heap grew by {(late - early) / 1048576.0:F1} MB over 250 one-line cells ({early / 1048576.0:F1} MB → {late / 1048576.0:F1} MB)");
    }

    private static async Task RunAsync(KernelClient client, string code)
    {
        var outcome = await client.ExecuteToEndAsync(code);
        Assert.True(outcome.Status == "ok", $"{code}: {outcome.Reply.Content.ToJsonString()}");
    }

    private static async Task<long> HeapAsync(KernelClient client)
    {
        var outcome = await client.ExecuteToEndAsync(HeapAfterFullCollection);
        var text = (string?)outcome.Outputs.Single(m => m.MessageType == "execute_result").Content["data"]!["text/plain"];
        return long.Parse(text!, CultureInfo.InvariantCulture);
    }
}
