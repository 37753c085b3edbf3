namespace Barometer.Browser;

/// <summary>
/// Finds a Chromium-family browser: <c>BAROMETER_CHROMIUM</c> (a path or a program on PATH), else <c>chromium</c>,
/// <c>chromium-browser</c>, <c>google-chrome</c> on PATH (with <c>.exe</c> on Windows).
/// </summary>
public static class ChromiumLocator
{
    /// <summary>The names looked for on PATH, in order.</summary>
    public static readonly IReadOnlyList<string> Candidates = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>How to get one, for messages.</summary>
    public const string InstallHint =
        "install Chromium (Debian/Ubuntu: apt-get install chromium) or set " + BrowserOptions.ExecutableVariable + " to a Chrome/Chromium executable";

    /// <summary>
    /// The browser's full path, or null. A <c>BAROMETER_CHROMIUM</c> that names no file is an error
    /// (<see cref="BrowserNotFoundException"/>), never a silent fallback.
    /// </summary>
    public static string? Find() => Find(Environment.GetEnvironmentVariable(BrowserOptions.ExecutableVariable), Environment.GetEnvironmentVariable("PATH"));

    /// <summary><see cref="Find()"/> with the variable's value and PATH given (for tests).</summary>
    public static string? Find(string? configured, string? path)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (File.Exists(configured) ? Path.GetFullPath(configured) : OnPath(configured, path))
                ?? throw new BrowserNotFoundException($"{BrowserOptions.ExecutableVariable}='{configured}' is not an existing file or a program on PATH");
        }

        return Candidates.Select(c => OnPath(c, path)).FirstOrDefault(p => p is not null);
    }

    private static string? OnPath(string name, string? path)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || name.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var extensions = OperatingSystem.IsWindows() && !name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? new[] { ".exe", "" } : [""];
        foreach (var dir in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
