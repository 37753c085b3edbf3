using Barometer.Kernel.Execution;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Tests.Compatibility;

/// <summary>
/// A notebook that references the retired <c>Microsoft.DotNet.Interactive.Formatting</c> package (or its DLL) keeps
/// compiling against the kernel's own types of that namespace: no CS0433 between two <c>Formatter</c> classes.
/// </summary>
public class RetiredPackageTests
{
    private const string PackageSource =
        "namespace Microsoft.DotNet.Interactive.Formatting { public static class Formatter { public static void Register<T>(System.Func<T, string> f, string m) { } } public static class OnlyInThePackage { } }";

    [Fact]
    public async Task A_hash_r_of_the_retired_formatting_assembly_leaves_Formatter_unambiguous_and_says_why()
    {
        using var dir = new TempDirectory();
        TinyAssembly.Emit(dir.File("lib/Microsoft.DotNet.Interactive.Formatting.dll"), "Microsoft.DotNet.Interactive.Formatting", PackageSource);
        using var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = dir.Path, DocumentName = "retired.ipynb" });

        var result = await session.ExecuteAsync(
            "#r \"lib/Microsoft.DotNet.Interactive.Formatting.dll\"\nusing Microsoft.DotNet.Interactive.Formatting;\n"
            + "Formatter.Register<int>(n => \"<i>number</i>\", \"text/html\");\n42");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("<i>number</i>", result.Outputs.Single(o => o.OutputType == "execute_result").Data["text/html"]);
        Assert.Contains(result.Outputs, o => o.StreamName == "stderr" && o.Text!.Contains("CS0433", StringComparison.Ordinal));
    }

    [Fact]
    public void A_package_bringing_the_retired_assembly_adds_no_reference_for_it()
    {
        using var dir = new TempDirectory();
        var retired = TinyAssembly.Emit(dir.File("pkg/Microsoft.DotNet.Interactive.Formatting.dll"), "Microsoft.DotNet.Interactive.Formatting", PackageSource);
        var other = TinyAssembly.Emit(dir.File("pkg/Other.Widget.dll"), "Other.Widget", "namespace Other { public static class Widget { } }");
        var references = new SessionReferences(ScriptEnvironment.Shared.References);
        using var packages = new PackageService(new PackageServiceOptions { CacheDirectory = dir.File("cache"), SessionReferences = references });
        var added = new List<MetadataReference>();

        packages.LoadAssemblies([], [retired, other], [], "package Microsoft.DotNet.Interactive.Formatting 1.0.0", added);

        var only = Assert.Single(added.OfType<PortableExecutableReference>());
        Assert.Equal(other, only.FilePath);
        Assert.Contains(references.TakeNotes(), n => n.Contains("this kernel provides its namespaces itself", StringComparison.Ordinal));
    }
}
