namespace Barometer.Kernel.Packages;

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
