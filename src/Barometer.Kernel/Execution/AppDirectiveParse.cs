using Barometer.Kernel.Packages;
using Barometer.Kernel.Projects;

namespace Barometer.Kernel.Execution;

/// <summary>What one <c>#:</c> line says (one of the properties is set).</summary>
internal readonly record struct AppDirectiveParse
{
    public PackageDirective? Package { get; init; }

    public ProjectDirective? Project { get; init; }

    public LanguageVersionDirective? LanguageVersion { get; init; }

    public string? Error { get; init; }
}
