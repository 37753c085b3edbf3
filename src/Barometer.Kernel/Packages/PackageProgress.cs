namespace Barometer.Kernel.Packages;

/// <summary>Stages of resolving a cell's package references.</summary>
public enum PackageProgressStage
{
    /// <summary><c>dotnet restore</c> is starting for the packages in <see cref="PackageProgress.Packages"/>.</summary>
    Restoring,

    /// <summary>The restore finished; the packages are being loaded.</summary>
    Restored,

    /// <summary>The package set was restored before and is up to date: no restore ran.</summary>
    UpToDate,

    /// <summary>The packages were loaded into the session.</summary>
    Loaded,

    /// <summary>Restoring or loading failed (<see cref="PackageProgress.Message"/> says why).</summary>
    Failed,
}

/// <summary>Progress of a cell's <c>#r "nuget:…"</c> references, for a terminal or a log.</summary>
/// <param name="Stage">What happened.</param>
/// <param name="Packages">The packages concerned, as "Name Version" texts.</param>
/// <param name="Message">A one-line description (the same text the cell's stream output gets).</param>
/// <param name="Duration">How long the stage took, once finished.</param>
public sealed record PackageProgress(PackageProgressStage Stage, IReadOnlyList<string> Packages, string Message, TimeSpan? Duration = null);
