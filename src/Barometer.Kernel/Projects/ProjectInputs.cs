using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Barometer.Kernel.Projects;

/// <summary>
/// What a project's build reads, as a fingerprint, so a notebook can tell without starting <c>dotnet build</c> that
/// nothing changed since the last build it ran: every file under the project's folder and under the folders of the
/// projects it references (read from the <c>&lt;ProjectReference Include="…"&gt;</c> items of the project files,
/// transitively), without <c>bin/</c>, <c>obj/</c>, <c>node_modules/</c> and hidden folders, plus the MSBuild and NuGet
/// files above them that a build imports (<c>Directory.Build.props</c>, <c>Directory.Build.targets</c>,
/// <c>Directory.Packages.props</c>, <c>global.json</c>, <c>NuGet.config</c>). Each file counts with its path, size
/// and modification time; the fingerprint is a hash of them. A file MSBuild reads from elsewhere (an item included
/// from outside these folders) is not seen: touch the project file to force a build.
/// </summary>
internal static class ProjectInputs
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules"];
    private static readonly string[] ImportedFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    /// <summary>The fingerprint of <paramref name="projectFile"/>'s inputs.</summary>
    public static string Fingerprint(string projectFile)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var above = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in ProjectFolders(projectFile))
        {
            foreach (var file in Files(folder))
            {
                lines.Add(Describe(file));
            }

            for (var parent = Path.GetDirectoryName(folder); parent is not null; parent = Path.GetDirectoryName(parent))
            {
                if (above.Add(parent))
                {
                    foreach (var name in ImportedFiles)
                    {
                        var candidate = Path.Combine(parent, name);
                        if (File.Exists(candidate))
                        {
                            lines.Add(Describe(candidate));
                        }
                    }
                }
            }
        }

        var text = string.Join('\n', lines);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant();
    }

    /// <summary>The folders of <paramref name="projectFile"/> and of every project it references, transitively.</summary>
    internal static IReadOnlyList<string> ProjectFolders(string projectFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(projectFile)]);
        var folders = new List<string>();
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project) || !File.Exists(project))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(project)!;
            if (!folders.Contains(folder, StringComparer.Ordinal))
            {
                folders.Add(folder);
            }

            foreach (var reference in ProjectReferences(project))
            {
                pending.Push(Path.GetFullPath(Path.Combine(folder, reference.Replace('\\', Path.DirectorySeparatorChar))));
            }
        }

        return folders;
    }

    private static List<string> ProjectReferences(string project)
    {
        try
        {
            return XDocument.Load(project).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => (string?)e.Attribute("Include"))
                .Where(include => !string.IsNullOrWhiteSpace(include) && !include.Contains("$(", StringComparison.Ordinal))
                .Select(include => include!)
                .ToList();
        }
        catch (System.Xml.XmlException)
        {
            return []; // the build reports a malformed project file with its position
        }
    }

    private static IEnumerable<string> Files(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.TryPop(out var current))
        {
            IEnumerable<string> files;
            IEnumerable<string> subfolders;
            try
            {
                files = Directory.EnumerateFiles(current).ToList();
                subfolders = Directory.EnumerateDirectories(current).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files)
            {
                yield return file;
            }

            foreach (var subfolder in subfolders)
            {
                var name = Path.GetFileName(subfolder);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(subfolder);
                }
            }
        }
    }

    private static string Describe(string file)
    {
        var info = new FileInfo(file);
        return string.Create(CultureInfo.InvariantCulture, $"{file}\t{(info.Exists ? info.Length : -1)}\t{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}");
    }
}
