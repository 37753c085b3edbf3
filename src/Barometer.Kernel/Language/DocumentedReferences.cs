using System.Collections.Concurrent;
using System.Collections.Immutable;
using Barometer.Kernel.Packages;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Language;

/// <summary>
/// Metadata references that carry XML documentation, for the language services. A session compiles against the
/// reference pack's assemblies, except about twenty implementation assemblies that Roslyn's scripting forces (see
/// <see cref="Execution.FrameworkReferences"/>), and the implementation assemblies ship no XML docs; the SDK's reference pack
/// (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/&lt;tfm&gt;/</c>) has the reference assemblies with
/// their <c>.xml</c> files, as an IDE uses them. So framework implementation references are replaced by the reference pack's
/// (when the SDK is installed), and any other assembly gets the <c>.xml</c> beside it (NuGet packages ship
/// theirs beside the dll), read a member at a time (<see cref="IndexedXmlDocumentation"/>). References are created once per
/// file and shared, so Roslyn reuses their symbols.
/// </summary>
internal sealed class DocumentedReferences
{
    private static readonly Lazy<DocumentedReferences> SharedInstance = new(() => new DocumentedReferences(DotNetHost.Current), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<string, MetadataReference?> _byPath = new(StringComparer.Ordinal);
    private readonly string _frameworkDirectory;
    private readonly string? _referencePackDirectory;

    private DocumentedReferences(DotNetHost host)
    {
        _frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        _referencePackDirectory = FindReferencePack(host);
    }

    public static DocumentedReferences Shared => SharedInstance.Value;

    /// <summary>The reference pack folder in use, or null when the SDK's pack is not installed.</summary>
    public string? ReferencePackDirectory => _referencePackDirectory;

    /// <summary>The documented counterparts of <paramref name="references"/> (framework assemblies without a reference-pack twin are dropped when the pack is used).</summary>
    public ImmutableArray<MetadataReference> Map(IEnumerable<MetadataReference> references)
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (reference is not PortableExecutableReference { FilePath: { } path })
            {
                builder.Add(reference);
                continue;
            }

            if (Map(path) is { } mapped && seen.Add(((PortableExecutableReference)mapped).FilePath!))
            {
                builder.Add(mapped);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The documented reference for the assembly at <paramref name="path"/>, or null to leave it out.</summary>
    public MetadataReference? Map(string path) => _byPath.GetOrAdd(Path.GetFullPath(path), Create);

    private MetadataReference? Create(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (_referencePackDirectory is not null && string.Equals(directory, _frameworkDirectory, StringComparison.Ordinal))
        {
            var referenceAssembly = Path.Combine(_referencePackDirectory, Path.GetFileName(path));
            return File.Exists(referenceAssembly) ? WithDocumentation(referenceAssembly) : null;
        }

        return File.Exists(path) ? WithDocumentation(path) : null;
    }

    private static PortableExecutableReference WithDocumentation(string path)
    {
        var xml = Path.ChangeExtension(path, ".xml");
        return File.Exists(xml)
            ? MetadataReference.CreateFromFile(path, documentation: new IndexedXmlDocumentation(xml))
            : MetadataReference.CreateFromFile(path);
    }

    private static string? FindReferencePack(DotNetHost host) => Execution.FrameworkReferences.ReferencePackDirectory(host);
}

/// <summary>Resolves <c>#r "file.dll"</c> in cells like the session does, returning documented references.</summary>
internal sealed class DocumentingMetadataResolver(MetadataReferenceResolver inner, DocumentedReferences references) : MetadataReferenceResolver
{
    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        inner.ResolveReference(reference, baseFilePath, properties)
            .Select(r => r.FilePath is { } path && references.Map(path) is PortableExecutableReference mapped ? mapped : r)
            .ToImmutableArray();

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) => other is DocumentingMetadataResolver o && o.Inner.Equals(Inner);

    public override int GetHashCode() => Inner.GetHashCode();

    private MetadataReferenceResolver Inner => inner;
}
