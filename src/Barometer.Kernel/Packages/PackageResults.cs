using NuGet.Versioning;

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

/// <summary>A package loaded into the session.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="RequestedAs">The version text the cell asked for, or null for a package loaded as a dependency.</param>
/// <param name="Assemblies">Its managed assemblies' paths.</param>
public sealed record LoadedPackage(string Id, NuGetVersion Version, string? RequestedAs, IReadOnlyList<string> Assemblies)
{
    /// <summary>"Id Version".</summary>
    public string Display => $"{Id} {Version.ToNormalizedString()}";
}

/// <summary>Why a cell's package directives failed.</summary>
/// <param name="Directive">The directive that failed (its line and package name go into the error).</param>
/// <param name="Message">One-line reason (the restore's own message where there is one).</param>
/// <param name="Details">The restore's error lines, for the traceback.</param>
public sealed record PackageFailure(PackageDirective Directive, string Message, IReadOnlyList<string> Details);

/// <summary>The outcome of one cell's package directives.</summary>
/// <param name="Loaded">Packages newly loaded by this cell (dependencies included).</param>
/// <param name="RestoreRan">True when <c>dotnet restore</c> was started; false when nothing was new or the set was restored before.</param>
/// <param name="Failure">Why it failed, or null.</param>
public sealed record PackageLoadResult(IReadOnlyList<LoadedPackage> Loaded, bool RestoreRan, PackageFailure? Failure)
{
    /// <summary>True when every directive was satisfied.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Package sources the restore could not use (NuGet's warning NU1801 named them); they are not kept.</summary>
    public IReadOnlyList<string> FailedSources { get; init; } = [];
}
