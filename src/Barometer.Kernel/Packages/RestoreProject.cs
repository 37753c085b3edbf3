using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Barometer.Kernel.Packages;

/// <summary>A package the restore project asks for: its id and the <c>Version</c> attribute of its PackageReference.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">NuGet version text: <c>[5.0.0]</c> (exact), a range, or a floating version such as <c>*</c> or <c>*-*</c>.</param>
internal sealed record PackageRequirement(string Id, string Version);

/// <summary>
/// The generated project whose <c>dotnet restore</c> resolves a session's packages: it targets the running
/// framework and runtime identifier, references exactly the requested packages, and adds the session's extra
/// sources. Its folder is named by a hash of its text, so one package set always maps to one folder under the
/// cache directory, and a later run finds the earlier restore there.
/// </summary>
internal sealed class RestoreProject
{
    public const string ProjectFileName = "restore.csproj";
    private const string StampFileName = "restore.stamp";

    private RestoreProject(string directory, string text)
    {
        Directory = directory;
        Text = text;
    }

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>The project file's content.</summary>
    public string Text { get; }

    public string ProjectPath => Path.Combine(Directory, ProjectFileName);

    public string AssetsPath => Path.Combine(Directory, "obj", "project.assets.json");

    public string LockPath => Path.Combine(Directory, "restore.lock");

    private string StampPath => Path.Combine(Directory, StampFileName);

    public static RestoreProject Create(string cacheDirectory, DotNetHost host, IEnumerable<PackageRequirement> packages, IEnumerable<string> sources)
    {
        var properties = new XElement(
            "PropertyGroup",
            new XElement("TargetFramework", host.TargetFramework),
            new XElement("RuntimeIdentifier", host.RuntimeIdentifier),
            new XElement("SelfContained", "false"),
            new XElement("UseAppHost", "false"),
            new XElement("NuGetAudit", "false"),
            new XElement("ManagePackageVersionsCentrally", "false"),
            new XElement("TreatWarningsAsErrors", "false"),
            new XElement("GenerateAssemblyInfo", "false"));
        var sourceList = sources.ToList();
        if (sourceList.Count > 0)
        {
            properties.Add(new XElement("RestoreAdditionalProjectSources", string.Join(';', sourceList)));

            // A source a notebook added that cannot be reached (or does not exist) must not fail the restore when the
            // other sources serve the packages: NuGet then warns NU1801 naming it, instead of the error NU1301.
            properties.Add(new XElement("RestoreIgnoreFailedSources", "true"));
        }

        var items = new XElement("ItemGroup");
        foreach (var package in packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            items.Add(new XElement("PackageReference", new XAttribute("Include", package.Id), new XAttribute("Version", package.Version)));
        }

        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"), properties, items);
        var text = project.ToString() + "\n";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
        return new RestoreProject(Path.Combine(cacheDirectory, hash), text);
    }

    /// <summary>
    /// True when this exact project was restored successfully before and its assets file is still there (the
    /// caller also checks that the package folders it names still exist).
    /// </summary>
    public bool WasRestored() =>
        File.Exists(StampPath) && File.Exists(AssetsPath) && string.Equals(File.ReadAllText(StampPath), Text, StringComparison.Ordinal);

    /// <summary>Writes the project (and empty Directory.* files so nothing above the cache folder is imported).</summary>
    public void Write()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            WriteIfChanged(Path.Combine(Directory, name), "<Project />\n");
        }

        WriteIfChanged(ProjectPath, Text);
        if (File.Exists(StampPath))
        {
            File.Delete(StampPath);
        }
    }

    /// <summary>Records a successful restore (temp file + rename).</summary>
    public void MarkRestored()
    {
        var temp = StampPath + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temp, Text);
        File.Move(temp, StampPath, overwrite: true);
    }

    private static void WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }

        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
