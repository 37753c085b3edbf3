namespace Barometer.Analysis.Charts;

/// <summary>
/// The one plotly.js this library targets. The same version is pinned in <c>Charts/plotlyjs/package.json</c> (and its
/// lock file), which the build restores with <c>npm ci</c> and copies into the output as <see cref="BundledRelativePath"/>.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version; keep equal to <c>plotly.js-dist-min</c> in <c>Charts/plotlyjs/package.json</c>.</summary>
    public const string Version = "2.28.0";

    /// <summary>The name of the copy of plotly.js that Plotly.NET embeds in its assembly (the version its figure JSON targets).</summary>
    public const string EmbeddedResourceName = "Plotly.NET.plotly-" + Version + ".min.js";

    /// <summary>The npm package that ships the bundle.</summary>
    public const string NpmPackage = "plotly.js-dist-min";

    /// <summary>Where the pinned version is served when no local copy is available.</summary>
    public const string CdnUrl = "https://cdn.plot.ly/plotly-" + Version + ".min.js";

    /// <summary>The file name exports write beside their HTML files.</summary>
    public const string BesideFileName = "plotly-" + Version + ".min.js";

    /// <summary>Where the build puts the bundle, relative to the output folder of any project referencing this library.</summary>
    public static readonly string BundledRelativePath = Path.Combine("plotlyjs", "plotly.min.js");

    /// <summary>
    /// The local copy of plotly.js the build placed beside this assembly (or the application), or null when the build
    /// ran without npm. Checks that the file is the pinned <see cref="Version"/>.
    /// </summary>
    public static string? FindBundled()
    {
        var folders = new[] { Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location), AppContext.BaseDirectory };
        foreach (var folder in folders.Where(f => !string.IsNullOrEmpty(f)).Distinct())
        {
            var path = Path.Combine(folder!, BundledRelativePath);
            if (File.Exists(path))
            {
                return IsPinnedVersion(path) ? path : null;
            }
        }
        return null;
    }

    /// <summary>True when the bundle's licence header names <see cref="Version"/>.</summary>
    public static bool IsPinnedVersion(string bundlePath)
    {
        using var reader = new StreamReader(bundlePath);
        var buffer = new char[256];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read).Contains($"plotly.js v{Version}", StringComparison.Ordinal);
    }

    /// <summary>
    /// A local file of the pinned plotly.js: the npm bundle the build placed (<see cref="FindBundled"/>), else the copy
    /// Plotly.NET embeds, written once to a cache folder under the temporary directory. Null only when neither exists.
    /// </summary>
    public static string? FindOrExtract()
    {
        if (FindBundled() is { } bundled)
        {
            return bundled;
        }

        using var stream = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream(EmbeddedResourceName);
        if (stream is null)
        {
            return null;
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "barometer-plotlyjs")).FullName;
        var path = Path.Combine(folder, BesideFileName);
        if (File.Exists(path) && new FileInfo(path).Length == stream.Length)
        {
            return path;
        }

        var temp = Path.Combine(folder, $".{BesideFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = File.Create(temp))
            {
                stream.CopyTo(file);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        return path;
    }
}
