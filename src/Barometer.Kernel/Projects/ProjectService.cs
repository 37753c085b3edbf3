using System.Diagnostics;
using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Barometer.Kernel.Packages;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Projects;

/// <summary>How a cell's <c>#:project</c> directives ended.</summary>
/// <param name="Failure">The directive that failed and why (the build's errors as <c>file:line:column</c>), or null.</param>
/// <param name="Changed">A project the session had loaded was rebuilt with changes: the session must start over to use it.</param>
internal sealed record ProjectLoadResult((ProjectDirective Directive, string Message, IReadOnlyList<string> Details)? Failure, string? Changed);

/// <summary>
/// The <c>#:project</c> directives of one session. A project is built with <c>dotnet build</c> only when its inputs
/// changed since the last build a kernel ran for it (<see cref="ProjectInputs"/>, compared with a stamp kept in the
/// cache folder; a cross-process lock keeps two kernels from building one project at once), then its closure
/// (<see cref="ProjectClosure"/>) is loaded through the session's <see cref="PackageService"/>: the project's own
/// assemblies from a copy named by the build's MVID (a later build never overwrites a file the session has loaded),
/// its packages from the NuGet folder, compile references from their reference assemblies.
/// </summary>
internal sealed class ProjectService(string baseDirectory, string cacheDirectory, DotNetHost host, PackageService packages)
{
    private readonly Dictionary<string, Guid> _loaded = new(StringComparer.Ordinal);

    /// <summary>Projects loaded (project file → the MVID of the build loaded).</summary>
    public IReadOnlyDictionary<string, Guid> Loaded => _loaded;

    /// <summary>How many times this service started <c>dotnet build</c>.</summary>
    public int BuildsRun { get; private set; }

    public async Task<ProjectLoadResult> AddAsync(IReadOnlyList<ProjectDirective> directives, Action<string>? streamLine, CancellationToken cancellationToken)
    {
        foreach (var directive in directives)
        {
            var projectFile = FindProjectFile(directive.Path, out var problem);
            if (projectFile is null)
            {
                return Failed(directive, problem!, []);
            }

            var folder = Path.Combine(cacheDirectory, Key(projectFile));
            ProjectOutput output;
            using (await RestoreLock.AcquireAsync(Path.Combine(folder, "build.lock"), cancellationToken).ConfigureAwait(false))
            {
                var stamp = ProjectStamp.Read(Path.Combine(folder, "stamp.json"));
                var fingerprint = ProjectInputs.Fingerprint(projectFile);
                if (stamp is not null && stamp.IsCurrent(fingerprint))
                {
                    output = stamp.Output;
                }
                else
                {
                    var name = Path.GetFileNameWithoutExtension(projectFile);
                    streamLine?.Invoke($"Building {name} ({Path.GetRelativePath(baseDirectory, projectFile)})…");
                    var clock = Stopwatch.StartNew();
                    BuildsRun++;
                    var build = await ProjectBuild.RunAsync(host, projectFile, stamp?.Output.TargetFramework, cancellationToken).ConfigureAwait(false);
                    if (build.Output is null)
                    {
                        var first = build.Errors.Count > 0 ? build.Errors[0] : "dotnet build failed";
                        var more = build.Errors.Count > 1 ? $" (and {build.Errors.Count - 1} more error{(build.Errors.Count > 2 ? "s" : string.Empty)})" : string.Empty;
                        return Failed(directive, $"the build of {name} failed: {first}{more}", build.Errors);
                    }

                    output = build.Output;
                    ProjectStamp.Write(Path.Combine(folder, "stamp.json"), new ProjectStamp(ProjectInputs.Fingerprint(projectFile), output, Describe(output.TargetPath)));
                    streamLine?.Invoke(string.Create(CultureInfo.InvariantCulture, $"Built {name} in {clock.Elapsed.TotalSeconds:0.0} s."));
                }
            }

            var mvid = Mvid(output.TargetPath);
            if (_loaded.TryGetValue(projectFile, out var loadedMvid))
            {
                if (loadedMvid == mvid)
                {
                    continue; // the build the session has: nothing to do
                }

                return new ProjectLoadResult(null, Path.GetFileNameWithoutExtension(output.TargetPath));
            }

            try
            {
                Load(projectFile, output, mvid, folder);
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException or JsonException or InvalidOperationException)
            {
                return Failed(directive, $"the output of {Path.GetFileName(projectFile)} could not be loaded: {ex.Message}", []);
            }
        }

        return new ProjectLoadResult(null, null);
    }

    private void Load(string projectFile, ProjectOutput output, Guid mvid, string folder)
    {
        var closure = ProjectClosure.Read(output);

        // The build's own files are copied: a later build overwrites them in place, under a loaded assembly.
        var copies = Path.Combine(folder, mvid.ToString("N"));
        Directory.CreateDirectory(copies);
        var own = new List<string>();
        foreach (var file in closure.Own)
        {
            foreach (var companion in new[] { file, Path.ChangeExtension(file, ".pdb"), Path.ChangeExtension(file, ".xml") })
            {
                var copy = Path.Combine(copies, Path.GetFileName(companion));
                if (File.Exists(companion) && !File.Exists(copy))
                {
                    var temp = copy + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
                    File.Copy(companion, temp, overwrite: true);
                    File.Move(temp, copy, overwrite: true);
                }
            }

            own.Add(Path.Combine(copies, Path.GetFileName(file)));
        }

        var references = new List<MetadataReference>();
        packages.LoadAssemblies([.. own, .. closure.Runtime], [.. own, .. closure.Compile], closure.Native, $"#:project {Path.GetFileName(projectFile)}", references);
        packages.AddReferences(references);
        _loaded[projectFile] = mvid;
    }

    /// <summary>The project file a <c>#:project</c> path names: a <c>.csproj</c> (or other project file), or a folder holding exactly one.</summary>
    private string? FindProjectFile(string written, out string? problem)
    {
        var path = Path.GetFullPath(written, baseDirectory);
        problem = null;
        if (File.Exists(path))
        {
            return RealPath(path);
        }

        if (!Directory.Exists(path))
        {
            problem = $"'{path}' is neither a project file nor a folder";
            return null;
        }

        var projects = Directory.GetFiles(path, "*.*proj").Where(f => !f.EndsWith(".shproj", StringComparison.OrdinalIgnoreCase)).ToList();
        if (projects.Count != 1)
        {
            problem = projects.Count == 0
                ? $"the folder '{path}' holds no project file (.csproj)"
                : $"the folder '{path}' holds {projects.Count} project files ({string.Join(", ", projects.Select(Path.GetFileName))}); name one";
            return null;
        }

        return RealPath(projects[0]);
    }

    /// <summary>
    /// <paramref name="path"/> with every symbolic link on the way resolved: a project reached through a linked folder
    /// is built where it really is, as every other build of it is (MSBuild writes absolute paths into <c>obj/</c>, so a
    /// build through another path restores and rebuilds the project and its references under the other builds' feet:
    /// CS0006 for a referenced project's ref assembly in the classic-Notebook test, whose root links the repository's
    /// <c>src/</c>), and one project has one build lock and one stamp.
    /// </summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var resolved = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            resolved = info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : next;
        }

        return resolved;
    }

    private static ProjectLoadResult Failed(ProjectDirective directive, string message, IReadOnlyList<string> details) => new((directive, message, details), null);

    private static string Key(string projectFile) =>
        Path.GetFileNameWithoutExtension(projectFile) + "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(projectFile)))[..12].ToLowerInvariant();

    internal static Guid Mvid(string assembly)
    {
        using var stream = new FileStream(assembly, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    internal static string Describe(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}") : "missing";
    }
}

/// <summary>What the last build a kernel ran for a project saw: its inputs' fingerprint and its output (file size and time).</summary>
internal sealed record ProjectStamp(string Fingerprint, ProjectOutput Output, string TargetFile)
{
    /// <summary>True when the inputs are unchanged and the output is the file that build wrote.</summary>
    public bool IsCurrent(string fingerprint) =>
        Fingerprint == fingerprint && File.Exists(Output.TargetPath) && ProjectService.Describe(Output.TargetPath) == TargetFile;

    public static ProjectStamp? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ProjectStamp>(File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Write(string path, ProjectStamp stamp)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(stamp));
        File.Move(temp, path, overwrite: true);
    }
}
