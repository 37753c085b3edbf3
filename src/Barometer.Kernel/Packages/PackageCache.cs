namespace Barometer.Kernel.Packages;

/// <summary>Where restore projects are kept by default.</summary>
public static class PackageCache
{
    /// <summary>
    /// <c>$XDG_CACHE_HOME/barometer-kernel/packages</c> (or <c>~/.cache/…</c>) on Linux and macOS, the local
    /// application data folder on Windows; <c>BAROMETER_KERNEL_PACKAGE_CACHE</c> overrides it.
    /// </summary>
    public static string DefaultDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("BAROMETER_KERNEL_PACKAGE_CACHE") is { Length: > 0 } configured)
            {
                return configured;
            }

            var root = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                    ? xdg
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "barometer-kernel", "packages");
        }
    }
}
