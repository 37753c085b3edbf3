using Barometer.Architecture;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Architecture;

/// <summary>
/// The kernel's folders (namespaces) form layers: Execution is the session core, and Packages, Projects, Magics,
/// Widgets, Scripting, Server… plug into it through interfaces it owns; no folder uses a folder that uses it back.
/// </summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void The_kernel_folders_use_each_other_without_cycles()
    {
        var graph = NamespaceGraph.Read(typeof(ScriptSession).Assembly.Location, "Barometer.Kernel");

        // The graph sees real uses, in signatures and in method bodies.
        Assert.Contains("Barometer.Kernel.Execution", graph.Uses("Barometer.Kernel.Server.Handlers").Keys);
        Assert.Contains("Barometer.Kernel.Protocol", graph.Uses("Barometer.Kernel.Server").Keys);
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Folder cycles in Barometer.Kernel:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path_and_the_types_that_make_it()
    {
        using var directory = new TempDirectory();
        var path = TinyAssembly.Emit(Path.Combine(directory.Path, "Cyclic.dll"), "Cyclic", """
            namespace Cyclic.Core { public class Session { public object Run() => new Cyclic.Plugins.Plugin(); } }
            namespace Cyclic.Plugins { public class Plugin { public void Attach() { System.GC.KeepAlive(typeof(Cyclic.Tools.Tool)); } } }
            namespace Cyclic.Tools { public class Tool { public Cyclic.Core.Session Session; } }
            namespace Cyclic.Leaf { public class Leaf { public Cyclic.Core.Session Make() => new(); } }
            """);

        var graph = NamespaceGraph.Read(path, "Cyclic");

        var cycle = Assert.Single(graph.Cycles());
        Assert.StartsWith("Cyclic.Core → Cyclic.Plugins → Cyclic.Tools → Cyclic.Core\n", cycle, StringComparison.Ordinal);
        Assert.Contains("Session uses Plugin", cycle, StringComparison.Ordinal);
        Assert.Contains("Plugin uses Tool", cycle, StringComparison.Ordinal);
        Assert.Contains("Tool uses Session", cycle, StringComparison.Ordinal);
        Assert.DoesNotContain("Cyclic.Leaf", cycle, StringComparison.Ordinal);
    }
}
