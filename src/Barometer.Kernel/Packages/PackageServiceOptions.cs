namespace Barometer.Kernel.Packages;

/// <summary>Settings of a <see cref="PackageService"/>.</summary>
public sealed record PackageServiceOptions
{
    /// <summary>Where restore projects live (one folder per package set); default <see cref="PackageCache.DefaultDirectory"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Folder against which a relative <c>#i "nuget: ./feed"</c> resolves (the notebook's folder).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The .NET that restores; default <see cref="DotNetHost.Current"/>.</summary>
    public DotNetHost? Host { get; init; }

    /// <summary>Progress for a terminal or log (the cell gets its own stream lines either way).</summary>
    public IProgress<PackageProgress>? Progress { get; init; }

    /// <summary>The session's assemblies, so a package assembly the session already has is not referenced twice.</summary>
    internal SessionReferences? SessionReferences { get; init; }
}
