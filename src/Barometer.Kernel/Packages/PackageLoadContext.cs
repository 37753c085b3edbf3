using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Barometer.Kernel.Packages;

/// <summary>
/// The assembly load context of one session's NuGet packages and <c>#:project</c> builds: package assemblies load here
/// (so packages of one session do not leak into another), except those the kernel's own process already has at the
/// version asked for or later (<see cref="HostAssemblies"/>): cells bind to the process's copy of those (Roslyn's
/// loader asks the default context first), so package code must too, or one type would be two. Dependencies resolve
/// the same way, the process's copy first, then the session's packages, and
/// <c>[DllImport]</c>s of package code find the packages' native libraries for this platform through
/// <see cref="LoadUnmanagedDll"/> — resolution owned by the session, no process-wide search path or handler.
/// </summary>
internal sealed class PackageLoadContext(string name) : AssemblyLoadContext(name, isCollectible: false)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _assemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _natives = new(StringComparer.Ordinal);

    /// <summary>Makes a package's assemblies and native libraries resolvable.</summary>
    public void Register(IEnumerable<string> assemblies, IEnumerable<string> nativeLibraries)
    {
        lock (_gate)
        {
            foreach (var path in assemblies)
            {
                _assemblies.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }

            foreach (var path in nativeLibraries)
            {
                var file = Path.GetFileName(path);
                _natives.TryAdd(file, path);
                _natives.TryAdd(StripNativeName(file), path);
            }
        }
    }

    /// <summary>
    /// Loads a registered package assembly (once), or returns the kernel process's own copy of it when the process has
    /// one at least as new (what a cell binds to).
    /// </summary>
    public Assembly LoadPackageAssembly(string path)
    {
        var simpleName = Path.GetFileNameWithoutExtension(path);
        return Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase))
               ?? HostAssemblies.TryLoad(AssemblyName.GetAssemblyName(path))
               ?? LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (HostAssemblies.TryLoad(assemblyName) is { } shared)
        {
            return shared;
        }

        string? path;
        lock (_gate)
        {
            _assemblies.TryGetValue(assemblyName.Name ?? string.Empty, out path);
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = null;
        lock (_gate)
        {
            if (!_natives.TryGetValue(unmanagedDllName, out path))
            {
                _natives.TryGetValue(StripNativeName(Path.GetFileName(unmanagedDllName)), out path);
            }
        }

        return path is not null && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero;
    }

    /// <summary><c>libfoo.so.1</c>, <c>foo.dll</c>, <c>libfoo.dylib</c>, <c>foo</c> → <c>foo</c>.</summary>
    internal static string StripNativeName(string file)
    {
        var name = file;
        foreach (var extension in new[] { ".dll", ".dylib", ".so" })
        {
            var index = name.IndexOf(extension, StringComparison.OrdinalIgnoreCase);
            if (index > 0 && (index + extension.Length == name.Length || name[index + extension.Length] == '.'))
            {
                name = name[..index];
                break;
            }
        }

        return name.StartsWith("lib", StringComparison.Ordinal) && name.Length > 3 ? name[3..] : name;
    }
}
