using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Execution;

/// <summary>
/// The twins a cell's submission compiles against in place of the environment's framework and kernel references: each
/// shares its original's <see cref="AssemblyMetadata"/> (so Roslyn reuses the same assembly symbols) and has no file path.
/// Emitting a submission with its PDB (which the cells' line numbers in stack traces need) writes, for every reference that
/// has a file path, its name, time stamp, size and MVID into the PDB (the information a rebuild from the PDB would use), and
/// to get them Roslyn makes a fresh copy of the reference's metadata and reads its identity and assembly references again:
/// for the ~190 framework assemblies that was about 600 KiB of allocation and a fifth of the CPU of a warm <c>1 + 1</c>
/// (the PDB of a trivial cell went from 14 KB to 3.6 KB). A framework assembly is never loaded from the reference's file
/// (the runtime has its own, and a reference-pack assembly cannot run), so the path is not needed to run a cell; references
/// whose file a cell's code may need loaded (packages, projects, <c>#r</c>, a host's extra references) keep theirs. Everything
/// else in the session (the language services, <see cref="Packages.SessionReferences"/>) keeps seeing the originals.
/// </summary>
internal sealed class CompilerReferences
{
    private readonly FrozenDictionary<MetadataReference, MetadataReference> _twins;
    private readonly FrozenDictionary<MetadataReference, MetadataReference> _originals;

    /// <param name="environment">The environment's references.</param>
    /// <param name="keepPaths">References that keep their path (a host's extra references: their files may be loaded).</param>
    public CompilerReferences(ImmutableArray<MetadataReference> environment, IReadOnlyCollection<MetadataReference> keepPaths)
    {
        IEqualityComparer<MetadataReference> byReference = ReferenceEqualityComparer.Instance;
        var twins = new Dictionary<MetadataReference, MetadataReference>(byReference);
        foreach (var reference in environment)
        {
            if (reference is PortableExecutableReference { FilePath: not null } original
                && !keepPaths.Contains(reference, ReferenceEqualityComparer.Instance)
                && original.GetMetadata() is AssemblyMetadata metadata)
            {
                twins[reference] = metadata.GetReference(documentation: null, original.Properties.Aliases, original.Properties.EmbedInteropTypes, filePath: null, display: original.Display);
            }
        }

        _twins = twins.ToFrozenDictionary(byReference);
        _originals = twins.ToFrozenDictionary(p => p.Value, p => p.Key, byReference);
    }

    public MetadataReference ForCompiler(MetadataReference reference) => _twins.GetValueOrDefault(reference, reference);

    public MetadataReference FromCompiler(MetadataReference reference) => _originals.GetValueOrDefault(reference, reference);
}
