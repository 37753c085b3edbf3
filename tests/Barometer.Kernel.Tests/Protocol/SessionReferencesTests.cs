using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Protocol;

/// <summary>
/// Issue 19, item 1, through the Jupyter protocol: every cell of a session compiles against one set of references (a
/// later <c>#r</c> of an assembly the session has reuses it; the warm-up cannot change what the first cells see), the
/// framework as the SDK references it, the SDK's implicit usings and C# version.
/// </summary>
public sealed class SessionReferencesTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task A_later_r_of_a_dependency_from_the_library_folder_keeps_earlier_variables_working()
    {
        // A library and its dependency side by side, as in a build's output folder; the first cell references only the
        // library (Roslyn finds the dependency beside it), a later one the dependency itself.
        var testBin = AppContext.BaseDirectory;
        var lib = _folder.File("lib");
        Directory.CreateDirectory(lib);
        foreach (var file in new[] { "Microsoft.Data.Analysis.dll", "Microsoft.ML.DataView.dll", "Apache.Arrow.dll" })
        {
            File.Copy(Path.Combine(testBin, file), Path.Combine(lib, file));
        }

        TinyAssembly.Emit(
            Path.Combine(lib, "Frames.dll"),
            "Frames",
            "using Microsoft.Data.Analysis; namespace Frames { public static class Tables { public static DataFrame Make() => new DataFrame(new PrimitiveDataFrameColumn<int>(\"x\", new[] { 1, 2, 3 })); public static long RowCount(this DataFrame frame) => frame.Rows.Count; } }",
            Path.Combine(lib, "Microsoft.Data.Analysis.dll"));
        await using var kernel = await KernelClient.StartAsync(KernelHostProgram.StartInfo(_folder.Path));

        var load = await kernel.ExecuteToEndAsync("#r \"lib/Frames.dll\"\nusing Frames;\nvar frame = Tables.Make();");
        var before = await kernel.ExecuteToEndAsync("frame.RowCount()");
        var again = await kernel.ExecuteToEndAsync("#r \"lib/Microsoft.Data.Analysis.dll\"\n#r \"" + Path.Combine(lib, "Frames.dll") + "\"");
        var after = await kernel.ExecuteToEndAsync("frame.RowCount() + Tables.Make().RowCount()");

        Assert.Equal(("ok", "ok", "ok"), (load.Status, before.Status, again.Status));
        Assert.True(after.Status == "ok", (string?)after.Reply.Content["evalue"]);
        Assert.Equal("6", Result(after));
    }

    [Fact]
    public async Task Two_cells_sent_right_after_start_compile_against_the_same_CoreLib_in_every_fresh_kernel()
    {
        // The kernel warms Roslyn up as soon as it has answered kernel_info; the cells arrive while it does. Before the
        // fix, 3 of 8 fresh kernels failed this under load (CS1503 between two System.Private.CoreLib int[]s).
        const string First = "var xs = new[] { 3, 1, 2 };\nint Sum(int[] a) => a.Sum();\nobject o = xs;";
        const string Second = "Sum(xs) + Sum(new[] { 1 }) + (o.GetHashCode() == xs.GetHashCode() ? 100 : 0)";
        var runs = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var kernel = await KernelClient.StartAsync(KernelHostProgram.StartInfo());
            var first = kernel.ExecuteToEndAsync(First);
            var second = kernel.ExecuteToEndAsync(Second);
            return (await first, await second);
        });

        foreach (var (first, second) in await Task.WhenAll(runs))
        {
            Assert.True(first.Status == "ok", (string?)first.Reply.Content["evalue"]);
            Assert.True(second.Status == "ok", (string?)second.Reply.Content["evalue"]);
            Assert.Equal("107", Result(second));
        }
    }

    [Fact]
    public void The_reference_set_has_no_CoreLib_of_its_own_and_takes_the_framework_from_the_reference_pack()
    {
        var paths = ScriptEnvironment.Shared.References.OfType<Microsoft.CodeAnalysis.PortableExecutableReference>().Select(r => r.FilePath!).ToList();

        Assert.DoesNotContain(paths, p => Path.GetFileName(p) == "System.Private.CoreLib.dll");
        Assert.Equal(paths.Count, paths.Select(Path.GetFileName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        if (FrameworkReferences.ReferencePackDirectory(Barometer.Kernel.Packages.DotNetHost.Current) is { } pack)
        {
            // Reference assemblies, except those whose types Roslyn's always-added CoreLib defines (System.Runtime, …).
            Assert.Contains(Path.Combine(pack, "System.Linq.AsyncEnumerable.dll"), paths);
            Assert.Contains(Path.Combine(pack, "System.Text.Json.dll"), paths);
            Assert.Contains(paths, p => Path.GetFileName(p) == "System.Runtime.dll" && !p.StartsWith(pack, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Cells_get_the_SDK_implicit_usings_and_its_CSharp_version_and_preview_is_opt_in()
    {
        await using var kernel = await KernelClient.StartAsync(KernelHostProgram.StartInfo(_folder.Path));
        var info = await kernel.KernelInfoAsync();

        var usings = await kernel.ExecuteToEndAsync(
            "File.Exists(\"none\") + \"|\" + Path.GetFileName(\"a/b\") + \"|\" + (typeof(HttpClient).Name) + \"|\" + Thread.CurrentThread.IsAlive + \"|\" + new StringBuilder(\"sb\") + \"|\" + new ArrayList().Count + \"|\" + new Uri(\"https://example.org/a?b=1\").Host + \"|\" + typeof(UriBuilder).Name");
        var union = await kernel.ExecuteToEndAsync("var union = new HashSet<int>();\nunion.UnionWith(new[] { 1, 2, 2 });\nunion.Count");
        var csharp14 = await kernel.ExecuteToEndAsync("class Box { public int V; }\nBox? box = new Box();\nbox?.V = 3; // null-conditional assignment: C# 14\nbox.V");
        var csharp13 = await kernel.ExecuteToEndAsync("#:property LangVersion=13\nBox? other = new Box();\nother?.V = 4;", new ExecuteOptions { StopOnError = false });
        var badProperty = await kernel.ExecuteToEndAsync("#:property Nullable=enable", new ExecuteOptions { StopOnError = false });

        Assert.Equal("14.0", (string?)info.Content["language_info"]!["version"]);
        Assert.Equal("False|b|HttpClient|True|sb|0|example.org|UriBuilder", Result(usings)); // Uri lives in System.Private.Uri (was CS1069)
        Assert.Equal("2", Result(union));
        Assert.Equal("3", Result(csharp14));
        Assert.Equal("error", csharp13.Status);
        Assert.Contains("C# 13.0", (string?)csharp13.Reply.Content["evalue"], StringComparison.Ordinal);
        Assert.Equal("error", badProperty.Status);
        Assert.Contains("LangVersion", (string?)badProperty.Reply.Content["evalue"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cultures_work_in_a_cell()
    {
        await using var kernel = await KernelClient.StartAsync(KernelHostProgram.StartInfo());

        var german = await kernel.ExecuteToEndAsync("using System.Globalization;\n(1234.5).ToString(\"N1\", new CultureInfo(\"de-DE\")) + \" \" + new CultureInfo(\"de-DE\").DateTimeFormat.GetMonthName(3)");

        Assert.True(german.Status == "ok", (string?)german.Reply.Content["evalue"]);
        Assert.Equal("1.234,5 März", Result(german));
    }

    internal static string? Result(ExecutionOutcome outcome) =>
        (string?)outcome.Outputs.SingleOrDefault(m => m.MessageType == "execute_result")?.Content["data"]!["text/plain"];

    public void Dispose() => _folder.Dispose();
}
