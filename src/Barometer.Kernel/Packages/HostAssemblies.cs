using System.Reflection;
using System.Runtime.Loader;

namespace Barometer.Kernel.Packages;

/// <summary>
/// The assemblies the kernel's own process can load by name: those already in the default load context and the
/// trusted platform assemblies of its <c>.deps.json</c> (the framework, and whatever the host application carries —
/// the <c>barometer</c> tool carries Plotly.NET, FSharp.Core, Microsoft.Data.Analysis and Barometer.Analysis).
/// Roslyn's loader lets the default context resolve a cell's references first and the session's packages only when it
/// cannot (the host's copy wins, "to avoid loading assemblies twice"), so a session's package code must resolve those
/// names the same way: otherwise a type crossing between package code and a cell is two types, and the cell fails
/// with <c>MissingMethodException: Method not found: 'Plotly.NET.GenericChart …NamedFigure.get_Chart()'</c>.
/// Read-only: nothing here changes process-wide state.
/// </summary>
internal static class HostAssemblies
{
    private static readonly Lazy<Dictionary<string, string>> TrustedPlatformAssemblies = new(ReadTrustedPlatformAssemblies, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The default context's assembly for <paramref name="name"/>, as a cell would bind to it (same name, a version at
    /// least the one asked for), or null when the process has none: then the session loads its own.
    /// </summary>
    public static Assembly? TryLoad(AssemblyName name)
    {
        if (name.Name is not { } simpleName)
        {
            return null;
        }

        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase));
        if (loaded is null && !TrustedPlatformAssemblies.Value.ContainsKey(simpleName))
        {
            return null;
        }

        if (loaded is not null)
        {
            return name.Version is null || loaded.GetName().Version is not { } version || version >= name.Version ? loaded : null;
        }

        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null; // the process's copy is older than asked for: the session's package serves it
        }
    }

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }

        return paths;
    }
}
