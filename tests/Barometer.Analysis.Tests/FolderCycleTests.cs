using Barometer.Analysis;
using Barometer.Architecture;

namespace Barometer.Analysis.Tests;

/// <summary>The library's folders (namespaces) form layers: no folder uses a folder that uses it back.</summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void The_library_folders_use_each_other_without_cycles()
    {
        var graph = NamespaceGraph.Read(typeof(DataValidation).Assembly.Location, "Barometer.Analysis");

        Assert.NotEmpty(graph.Uses("Barometer.Analysis.Charts"));
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Folder cycles in Barometer.Analysis:\n" + string.Join("\n", cycles));
    }
}
