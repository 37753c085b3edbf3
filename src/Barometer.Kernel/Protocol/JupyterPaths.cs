namespace Barometer.Kernel.Protocol;

/// <summary>
/// Jupyter's per-user folders, found as <c>jupyter_core</c> finds them: the data folder (kernelspecs) and the runtime
/// folder (connection files), which is kept private to its owner.
/// </summary>
public static class JupyterPaths
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// The user's Jupyter data folder: <c>$JUPYTER_DATA_DIR</c>, else <c>~/.local/share/jupyter</c> on Linux
    /// (<c>$XDG_DATA_HOME/jupyter</c> when set), <c>~/Library/Jupyter</c> on macOS, <c>%APPDATA%\jupyter</c> on Windows.
    /// </summary>
    public static string DataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } dataDir)
        {
            return dataDir;
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    /// <summary>
    /// The runtime folder where connection files are written, created if missing and made private (0700 on Unix):
    /// <c>$JUPYTER_RUNTIME_DIR</c>, else <c>DATA/runtime</c>, as jupyter_client uses. When that folder cannot be
    /// created or made private (a read-only home, a folder owned by someone else), a fresh private folder under the
    /// system's temporary folder is used instead, so a connection file is never readable by another user.
    /// </summary>
    public static string PrivateRuntimeDirectory()
    {
        var preferred = Environment.GetEnvironmentVariable("JUPYTER_RUNTIME_DIR") is { Length: > 0 } runtime
            ? runtime
            : Path.Combine(DataDirectory(), "runtime");
        return TryMakePrivate(preferred) ? Path.GetFullPath(preferred) : Directory.CreateTempSubdirectory("barometer-kernel-runtime-").FullName;
    }

    /// <summary>Creates <paramref name="directory"/> (0700) or tightens an existing one the user owns; false when it cannot be made private.</summary>
    internal static bool TryMakePrivate(string directory)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory); // under the user's own profile, which other users cannot read
                return true;
            }

            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, OwnerOnly);
            }

            var mode = File.GetUnixFileMode(directory);
            if ((mode & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(directory, OwnerOnly); // fails unless the user owns it
            }

            return File.GetUnixFileMode(directory) == OwnerOnly;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
