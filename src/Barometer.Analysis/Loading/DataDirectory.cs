namespace Barometer.Analysis.Loading;

/// <summary>Finds the repository's <c>data/</c> folder from anywhere inside the clone.</summary>
public static class DataDirectory
{
    /// <summary>The file that marks the repository root.</summary>
    public const string RootMarker = "Barometer.Notebooks.sln";

    /// <summary>The repository root: the nearest folder at or above <paramref name="start"/> holding <see cref="RootMarker"/>.</summary>
    public static string? FindRepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, RootMarker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// The data folder: <paramref name="explicitPath"/> when given, else <c>data/</c> in the repository root found
    /// from <paramref name="start"/> (the working directory by default), else from this assembly's location.
    /// </summary>
    public static string Locate(string? explicitPath = null, string? start = null)
    {
        if (explicitPath is not null)
        {
            return Directory.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new DirectoryNotFoundException(File.Exists(explicitPath)
                    ? $"data folder '{explicitPath}' is a file, not a folder"
                    : $"data folder '{explicitPath}' does not exist");
        }

        var root = FindRepositoryRoot(start) ?? FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException(
                $"could not find the repository ({RootMarker}) above '{start ?? Directory.GetCurrentDirectory()}'; pass --data DIR");
        return Path.Combine(root, "data");
    }
}
