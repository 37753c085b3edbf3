using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Barometer.Kernel.Packages;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Execution;

/// <summary>
/// The framework assemblies cells compile against, chosen as the .NET SDK chooses them for a project: the reference
/// assemblies of the SDK's reference pack (<c>&lt;dotnet root&gt;/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/&lt;tfm&gt;/</c>),
/// so a package that defines a type the framework's implementation also has (but its reference surface does not)
/// compiles as it does in a project. One exception is forced by Roslyn's scripting API, which always adds the
/// running <c>System.Private.CoreLib</c> to a script's first submission: the reference assemblies whose types live in
/// CoreLib at run time (<c>System.Runtime</c>, <c>System.Collections</c>, <c>System.Threading</c>, … about twenty;
/// found by comparing their public types with CoreLib's) would define those types a second time, so for them the
/// implementation assemblies (facades forwarding to CoreLib) are taken instead, with the private assemblies they forward
/// other types to (<c>System.Private.Uri</c> for <c>Uri</c>). Without an SDK (a machine with only
/// the runtime) every managed implementation assembly of the shared framework is referenced, as before, except
/// CoreLib itself, which Roslyn adds. Either way CoreLib is never in the list: two references to it, one by path and
/// one by identity, made the first cells of a session bind to two different CoreLibs (CS1503/CS0121).
/// </summary>
internal static class FrameworkReferences
{
    private const string CoreLibName = "System.Private.CoreLib";

    /// <summary>The reference pack folder of the running framework (<c>…/ref/net10.0</c>), or null when no SDK is installed.</summary>
    public static string? ReferencePackDirectory(DotNetHost host)
    {
        if (host.DotNetRoot is null)
        {
            return null;
        }

        var packs = Path.Combine(host.DotNetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }

        var runtime = Environment.Version;
        return Directory.EnumerateDirectories(packs)
            .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(c => c.Version is not null && c.Version.Major == runtime.Major && c.Version.Minor == runtime.Minor)
            .OrderByDescending(c => c.Version!.Build == runtime.Build)
            .ThenByDescending(c => c.Version)
            .Select(c => Path.Combine(c.Directory, "ref", host.TargetFramework))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "System.Runtime.dll")));
    }

    /// <summary>The framework's metadata references (see the class summary), in a stable order.</summary>
    public static ImmutableArray<MetadataReference> Create(DotNetHost host)
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var referencePack = ReferencePackDirectory(host);
        var paths = referencePack is null ? ImplementationAssemblies(runtimeDirectory) : ReferenceAssemblies(referencePack, runtimeDirectory);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary>The files <see cref="Create"/> references (for tests and diagnostics).</summary>
    internal static IReadOnlyList<string> Paths(DotNetHost host)
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var referencePack = ReferencePackDirectory(host);
        return referencePack is null ? ImplementationAssemblies(runtimeDirectory) : ReferenceAssemblies(referencePack, runtimeDirectory);
    }

    private static List<string> ReferenceAssemblies(string referencePack, string runtimeDirectory)
    {
        var coreLibTypes = PublicTypeNames(typeof(object).Assembly.Location);
        var result = new List<string>();
        var forwardedTo = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(referencePack, "*.dll").Order(StringComparer.Ordinal))
        {
            var implementation = Path.Combine(runtimeDirectory, Path.GetFileName(path));
            if (DefinesAnyOf(path, coreLibTypes) && File.Exists(implementation))
            {
                result.Add(implementation);
                forwardedTo.UnionWith(PrivateAssembliesReferencedBy(implementation));
            }
            else
            {
                result.Add(path);
            }
        }

        // An implementation facade forwards some types to private assemblies other than CoreLib (System.Runtime sends
        // Uri to System.Private.Uri): those are referenced too, or `new Uri(…)` is CS1069 ("forwarded to an assembly
        // that is not referenced"). Their types are in no reference assembly kept above, so nothing is defined twice.
        foreach (var name in forwardedTo)
        {
            var file = Path.Combine(runtimeDirectory, name + ".dll");
            if (name != CoreLibName && File.Exists(file) && !result.Contains(file, StringComparer.Ordinal))
            {
                result.Add(file);
            }
        }

        return result;
    }

    private static List<string> ImplementationAssemblies(string runtimeDirectory)
    {
        // All managed assemblies of the shared framework (System.*, Microsoft.*, netstandard, mscorlib); netstandard and
        // mscorlib let #r'd .NET Standard libraries compile.
        var result = new List<string>();
        foreach (var path in Directory.EnumerateFiles(runtimeDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var candidate = name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) ||
                            name is "System" or "netstandard" or "mscorlib";
            if (candidate && name != CoreLibName && !name.EndsWith(".Native", StringComparison.Ordinal) && IsManaged(path))
            {
                result.Add(path);
            }
        }

        return result;
    }

    /// <summary>The <c>System.Private.*</c> assemblies the assembly at <paramref name="path"/> references.</summary>
    private static List<string> PrivateAssembliesReferencedBy(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return [];
        }

        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences
            .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
            .Where(n => n.StartsWith("System.Private.", StringComparison.Ordinal))];
    }

    private static HashSet<string> PublicTypeNames(string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        ForEachPublicType(path, name =>
        {
            names.Add(name);
            return true;
        });
        return names;
    }

    private static bool DefinesAnyOf(string path, HashSet<string> typeNames)
    {
        var found = false;
        ForEachPublicType(path, name =>
        {
            found = typeNames.Contains(name);
            return !found;
        });
        return found;
    }

    /// <summary>Calls <paramref name="visit"/> with each public top-level type's full name until it returns false.</summary>
    private static void ForEachPublicType(string path, Func<string, bool> visit)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return;
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if ((type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public &&
                !visit(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name)))
            {
                return;
            }
        }
    }

    private static bool IsManaged(string path)
    {
        try
        {
            _ = AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
        catch (FileLoadException)
        {
            return false;
        }
    }
}
