using System.Runtime.InteropServices;
using System.Text.Json;

namespace Barometer.Kernel.Projects;

/// <summary>
/// Everything a built project needs at compile time and at run time, as a project that references it would get it:
/// its own assembly, the assemblies of the projects it references (copied beside it by the build), and its NuGet
/// packages with their dependencies, read from the restore's <c>project.assets.json</c> for the built framework:
/// each package's compile assemblies (its <c>ref/</c> ones where it has them), runtime assemblies and native
/// libraries for this platform.
/// </summary>
/// <param name="Own">The project's assembly and those of the projects it references, in its output folder (built, so they change).</param>
/// <param name="Compile">Package assemblies to compile against.</param>
/// <param name="Runtime">Package assemblies to load.</param>
/// <param name="Native">Native libraries the runtime assemblies may load.</param>
internal sealed record ProjectClosure(IReadOnlyList<string> Own, IReadOnlyList<string> Compile, IReadOnlyList<string> Runtime, IReadOnlyList<string> Native)
{
    /// <summary>Reads the closure of <paramref name="output"/>.</summary>
    public static ProjectClosure Read(ProjectOutput output)
    {
        var ownFilesFolder = Path.GetDirectoryName(output.TargetPath)!;
        var own = new List<string> { output.TargetPath };
        var compile = new List<string>();
        var runtime = new List<string>();
        var native = new List<string>();
        if (!File.Exists(output.AssetsFile))
        {
            return new ProjectClosure(own, compile, runtime, native);
        }

        using var stream = File.OpenRead(output.AssetsFile);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var packageFolder = root.TryGetProperty("packageFolders", out var folders) ? folders.EnumerateObject().Select(p => p.Name).FirstOrDefault() : null;
        var target = root.GetProperty("targets").EnumerateObject()
            .FirstOrDefault(t => t.Name.Equals(output.TargetFramework, StringComparison.OrdinalIgnoreCase) || !t.Name.Contains('/', StringComparison.Ordinal));
        if (target.Value.ValueKind != JsonValueKind.Object)
        {
            return new ProjectClosure(own, compile, runtime, native);
        }

        var libraries = root.GetProperty("libraries");
        var rids = RuntimeIdentifiers();
        foreach (var entry in target.Value.EnumerateObject())
        {
            var type = entry.Value.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "project")
            {
                // A referenced project: the build copied its assembly beside the project's own.
                foreach (var file in Assets(entry.Value, "compile").Concat(Assets(entry.Value, "runtime")).Select(Path.GetFileName).Distinct(StringComparer.Ordinal))
                {
                    var path = Path.Combine(ownFilesFolder, file!);
                    if (File.Exists(path) && !own.Contains(path, StringComparer.Ordinal))
                    {
                        own.Add(path);
                    }
                }

                continue;
            }

            if (type != "package" || packageFolder is null)
            {
                continue;
            }

            var relative = libraries.TryGetProperty(entry.Name, out var library) && library.TryGetProperty("path", out var p) ? p.GetString()! : entry.Name.ToLowerInvariant();
            var directory = Path.GetFullPath(Path.Combine(packageFolder, relative));
            var packageRuntime = Assets(entry.Value, "runtime").Select(a => Path.Combine(directory, a)).ToList();
            foreach (var (asset, properties) in RuntimeTargets(entry.Value))
            {
                var rid = properties.TryGetProperty("rid", out var r) ? r.GetString() : null;
                var kind = properties.TryGetProperty("assetType", out var k) ? k.GetString() : null;
                if (rid is null || !rids.Contains(rid, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var path = Path.Combine(directory, asset);
                if (kind == "native")
                {
                    native.Add(path);
                }
                else if (kind == "runtime")
                {
                    packageRuntime.RemoveAll(a => Path.GetFileName(a).Equals(Path.GetFileName(path), StringComparison.OrdinalIgnoreCase));
                    packageRuntime.Add(path);
                }
            }

            compile.AddRange(Assets(entry.Value, "compile").Select(a => Path.Combine(directory, a)));
            runtime.AddRange(packageRuntime);
            native.AddRange(Assets(entry.Value, "native").Select(a => Path.Combine(directory, a)));
        }

        return new ProjectClosure(own, compile, runtime, native);
    }

    private static List<string> Assets(JsonElement package, string section) =>
        package.TryGetProperty(section, out var files)
            ? files.EnumerateObject().Select(f => f.Name).Where(f => !Path.GetFileName(f).Equals("_._", StringComparison.Ordinal)).ToList()
            : [];

    private static List<(string Asset, JsonElement Properties)> RuntimeTargets(JsonElement package) =>
        package.TryGetProperty("runtimeTargets", out var targets) ? targets.EnumerateObject().Select(t => (t.Name, t.Value)).ToList() : [];

    /// <summary>This platform's runtime identifier and the portable ones it falls back to (linux-x64, linux, unix, any).</summary>
    private static List<string> RuntimeIdentifiers()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var rids = new List<string> { RuntimeInformation.RuntimeIdentifier, $"{os}-{arch}", os };
        if (!OperatingSystem.IsWindows())
        {
            rids.Add("unix");
        }

        rids.Add("any");
        return rids;
    }
}
