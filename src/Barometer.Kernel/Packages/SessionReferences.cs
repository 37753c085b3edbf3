using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Packages;

/// <summary>
/// The assemblies one session compiles against, one per simple name: the framework and the kernel's own (from the
/// <c>Execution.ScriptEnvironment</c>), then whatever a cell adds with <c>#r "file.dll"</c>, <c>#r "nuget:…"</c> or
/// <c>#:project</c>, and what Roslyn finds for a referenced assembly's own dependencies. An assembly the session
/// already has is never referenced a second time under another <see cref="MetadataReference"/> (from another folder,
/// or by a package after a <c>#r</c>): the first reference is reused, so earlier cells' types and later cells' types
/// are the same symbols (two references to one identity made <c>data.RelationshipEvents.ToDataFrame()</c> fail with
/// CS1929 after a later <c>#r</c> of a dependency). A different version of an assembly the session has is not
/// loaded: the first one stays, and a note says so. Thread-safe (the language services resolve too).
/// The assemblies of the retired .NET Interactive formatting API (<see cref="KernelProvidedAssemblies"/>) are known
/// from the start as the kernel's own assembly, which provides those namespaces: a <c>#r</c> of the
/// <c>Microsoft.DotNet.Interactive.Formatting</c> package (or its DLL) adds no second <c>Formatter</c>, which would make
/// every use ambiguous (CS0433); a note says so.
/// </summary>
internal sealed class SessionReferences
{
    /// <summary>Assemblies whose public namespaces the kernel provides itself (see <c>Compatibility/</c>).</summary>
    public static readonly IReadOnlyList<string> KernelProvidedAssemblies = ["Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive"];

    private readonly object _gate = new();
    private readonly Dictionary<string, Known> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _notes = new();

    /// <summary>Starts with the environment's references (framework and kernel), known by file name.</summary>
    public SessionReferences(IEnumerable<MetadataReference> environmentReferences)
    {
        foreach (var reference in environmentReferences.OfType<PortableExecutableReference>())
        {
            if (reference.FilePath is { } path)
            {
                _byName.TryAdd(Path.GetFileNameWithoutExtension(path), new Known(reference, null, "the framework", IsEnvironment: true));
            }
        }

        if (_byName.TryGetValue(typeof(SessionReferences).Assembly.GetName().Name!, out var kernel))
        {
            foreach (var name in KernelProvidedAssemblies)
            {
                _byName.TryAdd(name, kernel with { Origin = "this kernel", ProvidedByKernel = true });
            }
        }
    }

    /// <summary>
    /// The session's reference for the assembly at <paramref name="reference"/>'s path: the one already known under its
    /// simple name, else <paramref name="reference"/> itself, now known. <paramref name="origin"/> names where it came
    /// from, for notes.
    /// </summary>
    public PortableExecutableReference Adopt(PortableExecutableReference reference, string origin)
    {
        if (reference.FilePath is not { } path || Identity(path) is not { Name: { } name } identity)
        {
            return reference;
        }

        lock (_gate)
        {
            if (_byName.TryGetValue(name, out var known))
            {
                if (known.ProvidedByKernel)
                {
                    _notes.Enqueue($"{origin} brings {name} {identity.Version}, the retired .NET Interactive API; this kernel provides its "
                                   + "namespaces itself (Formatter, PocketView, DisplayTable…), so cells compile against the kernel's types and "
                                   + "not the package's (both would make every use ambiguous, CS0433).");
                }
                else if (!known.IsEnvironment && known.Identity is { } had && had.Version != identity.Version)
                {
                    _notes.Enqueue($"{origin} is {name} {identity.Version}, but this session already has {name} {had.Version} ({known.Origin}); "
                                   + "it keeps that one: a session loads one version of an assembly (restart the kernel to change it).");
                }

                return known.Reference;
            }

            _byName[name] = new Known(reference, identity, origin, IsEnvironment: false);
            return reference;
        }
    }

    /// <summary>The reference the session has for <paramref name="simpleName"/>, or null.</summary>
    public PortableExecutableReference? Find(string simpleName)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(simpleName, out var known) ? known.Reference : null;
        }
    }

    /// <summary>The version of <paramref name="simpleName"/> the session has (null: none, or a framework assembly).</summary>
    public Version? VersionOf(string simpleName)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(simpleName, out var known) ? known.Identity?.Version : null;
        }
    }

    /// <summary>True when <paramref name="simpleName"/> is one of the environment's (framework or kernel) assemblies.</summary>
    public bool IsEnvironmentAssembly(string simpleName)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(simpleName, out var known) && known.IsEnvironment;
        }
    }

    /// <summary>Adds a note for the running cell (e.g. a package's assembly is served by the kernel process's own copy).</summary>
    public void Note(string note)
    {
        lock (_gate)
        {
            _notes.Enqueue(note);
        }
    }

    /// <summary>Notes for the running cell (a second version of an assembly was not loaded), oldest first; emptied.</summary>
    public IReadOnlyList<string> TakeNotes()
    {
        lock (_gate)
        {
            var notes = _notes.ToList();
            _notes.Clear();
            return notes;
        }
    }

    private static AssemblyName? Identity(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private sealed record Known(PortableExecutableReference Reference, AssemblyName? Identity, string Origin, bool IsEnvironment, bool ProvidedByKernel = false);
}

/// <summary>
/// Resolves a cell's <c>#r "file.dll"</c> (relative to the notebook's folder) and the dependencies Roslyn finds
/// missing through the session's <see cref="SessionReferences"/>, so an assembly is referenced once per session.
/// </summary>
internal sealed class SessionMetadataResolver(MetadataReferenceResolver inner, SessionReferences references) : MetadataReferenceResolver
{
    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override System.Collections.Immutable.ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        var resolved = inner.ResolveReference(reference, baseFilePath, properties);
        return resolved.IsDefault ? resolved : [.. resolved.Select(r => references.Adopt(r, $"#r \"{reference}\""))];
    }

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
    {
        if (references.Find(referenceIdentity.Name) is { } known)
        {
            return known;
        }

        var found = inner.ResolveMissingAssembly(definition, referenceIdentity);
        return found is null ? null : references.Adopt(found, $"{referenceIdentity.Name} (a dependency of {definition.Display})");
    }

    public override bool Equals(object? other) => other is SessionMetadataResolver o && ReferenceEquals(o.References, References) && o.Inner.Equals(Inner);

    public override int GetHashCode() => HashCode.Combine(Inner, References);

    private MetadataReferenceResolver Inner => inner;

    private SessionReferences References => references;
}
