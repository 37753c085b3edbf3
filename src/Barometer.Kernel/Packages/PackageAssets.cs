using System.Text.Json;
using NuGet.Versioning;

namespace Barometer.Kernel.Packages;

/// <summary>One package of a restored set with the files the running framework and platform need.</summary>
/// <param name="Id">Package id as the feed spells it.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="Directory">The package's folder in the global packages folder.</param>
/// <param name="RuntimeAssemblies">Full paths of its managed assemblies for this framework and runtime identifier.</param>
/// <param name="NativeLibraries">Full paths of its native libraries for this runtime identifier.</param>
internal sealed record ResolvedPackage(string Id, NuGetVersion Version, string Directory, IReadOnlyList<string> RuntimeAssemblies, IReadOnlyList<string> NativeLibraries)
{
    /// <summary>
    /// Full paths of the assemblies a project compiles against (the package's <c>ref/</c> assemblies where it has
    /// them, else its <c>lib/</c> ones): what cells compile against, as in a project. Empty: the runtime assemblies.
    /// </summary>
    public IReadOnlyList<string> CompileAssemblies { get; init; } = [];

    /// <summary>"Id Version".</summary>
    public string Display => $"{Id} {Version.ToNormalizedString()}";
}

/// <summary>
/// Reads the <c>obj/project.assets.json</c> that <c>dotnet restore</c> writes: for the target
/// "<c>tfm/rid</c>" it lists every package of the graph (dependencies included) with its runtime assemblies and,
/// because the project names a runtime identifier, its native assets for that platform already selected, and the
/// compile-time assemblies (a package's reference assemblies), which are what a project compiles against.
/// </summary>
internal static class PackageAssets
{
    public static IReadOnlyList<ResolvedPackage> Read(string assetsPath, DotNetHost host)
    {
        using var stream = File.OpenRead(assetsPath);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;

        var packageFolder = root.TryGetProperty("packageFolders", out var folders)
            ? folders.EnumerateObject().Select(p => p.Name).FirstOrDefault()
            : null;
        if (packageFolder is null)
        {
            throw new InvalidDataException($"'{assetsPath}' names no package folder.");
        }

        var targetName = $"{host.TargetFramework}/{host.RuntimeIdentifier}";
        if (!root.GetProperty("targets").TryGetProperty(targetName, out var target))
        {
            throw new InvalidDataException($"'{assetsPath}' has no target '{targetName}'.");
        }

        var libraries = root.GetProperty("libraries");
        var result = new List<ResolvedPackage>();
        foreach (var entry in target.EnumerateObject())
        {
            if (!entry.Value.TryGetProperty("type", out var type) || type.GetString() != "package")
            {
                continue;
            }

            var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
            var id = entry.Name[..slash];
            var version = NuGetVersion.Parse(entry.Name[(slash + 1)..]);
            var relative = libraries.TryGetProperty(entry.Name, out var library) && library.TryGetProperty("path", out var path)
                ? path.GetString()!
                : Path.Combine(id.ToLowerInvariant(), version.ToNormalizedString().ToLowerInvariant());
            var directory = Path.GetFullPath(Path.Combine(packageFolder, relative));
            result.Add(new ResolvedPackage(id, version, directory, Files(entry.Value, "runtime", directory), Files(entry.Value, "native", directory))
            {
                CompileAssemblies = Files(entry.Value, "compile", directory),
            });
        }

        return result;
    }

    private static List<string> Files(JsonElement package, string section, string directory)
    {
        if (!package.TryGetProperty(section, out var files))
        {
            return [];
        }

        return files.EnumerateObject()
            .Select(f => f.Name)
            .Where(f => !Path.GetFileName(f).Equals("_._", StringComparison.Ordinal))
            .Select(f => Path.GetFullPath(Path.Combine(directory, f)))
            .ToList();
    }
}
