using NuGet.Versioning;

namespace Barometer.Kernel.Packages;

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
