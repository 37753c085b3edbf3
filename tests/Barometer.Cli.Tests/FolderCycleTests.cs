using System.Reflection;
using Barometer.Architecture;

namespace Barometer.Cli.Tests;

/// <summary>The CLI's folders (namespaces) form layers: no folder uses a folder that uses it back.</summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void The_cli_folders_use_each_other_without_cycles()
    {
        var graph = NamespaceGraph.Read(Assembly.Load("barometer").Location, "Barometer.Cli");

        Assert.Contains("Barometer.Cli.Rendering", graph.Uses("Barometer.Cli.Commands").Keys);
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Folder cycles in Barometer.Cli:\n" + string.Join("\n", cycles));
    }
}
