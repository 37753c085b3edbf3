namespace Barometer.Kernel.Packages;

/// <summary>Why a cell's package directives failed.</summary>
/// <param name="Directive">The directive that failed (its line and package name go into the error).</param>
/// <param name="Message">One-line reason (the restore's own message where there is one).</param>
/// <param name="Details">The restore's error lines, for the traceback.</param>
public sealed record PackageFailure(PackageDirective Directive, string Message, IReadOnlyList<string> Details);
