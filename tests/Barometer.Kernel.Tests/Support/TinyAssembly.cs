using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

#pragma warning disable CA1861 // Expected values and inputs stay written inline where the test uses them; each test runs once, so a static field gains nothing.

namespace Barometer.Kernel.Tests.Support;

/// <summary>Compiles a small class library to a file with Roslyn, for #r tests.</summary>
internal static class TinyAssembly
{
    public static string Emit(string path, string assemblyName, string source, params string[] referencePaths)
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new[] { "System.Runtime.dll", "System.Private.CoreLib.dll", "netstandard.dll", "System.Collections.dll" }
            .Select(f => Path.Combine(runtime, f))
            .Concat(referencePaths)
            .Select(f => MetadataReference.CreateFromFile(f));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        }

        return path;
    }
}
