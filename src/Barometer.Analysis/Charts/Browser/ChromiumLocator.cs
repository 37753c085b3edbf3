namespace Barometer.Analysis.Charts.Browser;

/// <summary>Finds a Chromium-family browser: <c>BAROMETER_CHROMIUM</c>, else <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> on PATH.</summary>
public static class ChromiumLocator
{
    public const string EnvironmentVariable = "BAROMETER_CHROMIUM";

    public static readonly IReadOnlyList<string> Candidates = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>How to get one, for messages.</summary>
    public const string InstallHint =
        "install Chromium (Debian/Ubuntu: apt-get install chromium) or set " + EnvironmentVariable + " to a Chrome/Chromium executable";

    /// <summary>The browser's path, or null. A <c>BAROMETER_CHROMIUM</c> that names no file is an error, not a fallback.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? Path.GetFullPath(configured) : OnPath(configured)
                ?? throw new FileNotFoundException($"{EnvironmentVariable}='{configured}' is not an existing file or a program on PATH");
        return Candidates.Select(OnPath).FirstOrDefault(p => p is not null);
    }

    private static string? OnPath(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)) return File.Exists(name) ? name : null;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", "" } : [""];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
