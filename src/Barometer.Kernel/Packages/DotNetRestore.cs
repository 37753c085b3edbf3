using System.Text.RegularExpressions;

namespace Barometer.Kernel.Packages;

/// <summary>An error or warning line printed by <c>dotnet restore</c> (e.g. <c>NU1101</c>).</summary>
/// <param name="Code">The code (<c>NU1101</c>, <c>NU1301</c>, <c>MSB4236</c>, …), or null.</param>
/// <param name="Message">The message without the project path.</param>
internal sealed record RestoreMessage(string? Code, string Message);

/// <summary>
/// What one run of <c>dotnet restore</c> reported: its errors, and its warnings that a package source could not be
/// used (<c>NU1801</c>, what NuGet reports instead of the error <c>NU1301</c> when failed sources are ignored).
/// </summary>
internal sealed record RestoreRunResult(bool Succeeded, IReadOnlyList<RestoreMessage> Errors, string Output)
{
    /// <summary>The <c>NU1801</c> warnings (a source that failed and was skipped).</summary>
    public IReadOnlyList<RestoreMessage> SourceWarnings { get; init; } = [];
}

/// <summary>Runs the .NET SDK's <c>dotnet restore</c> on a generated project, as a child process.</summary>
internal static partial class DotNetRestore
{
    /// <summary>Longest a restore may take before it is stopped.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [GeneratedRegex(@":\s*error\s+(?<code>[A-Z]+\d+)\s*:\s*(?<message>.*?)(\s+\[[^\]]*\])?\s*$")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@":\s*warning\s+(?<code>NU1801)\s*:\s*(?<message>.*?)(\s+\[[^\]]*\])?\s*$")]
    private static partial Regex SourceWarningLine();

    public static async Task<RestoreRunResult> RunAsync(DotNetHost host, string projectPath, CancellationToken cancellationToken)
    {
        var run = await DotNetProcess.RunAsync(
            host,
            Path.GetDirectoryName(projectPath)!,
            ["restore", projectPath, "--disable-build-servers", "-nologo", "-v:m", "-p:NuGetInteractive=false"],
            Timeout,
            "restore",
            cancellationToken).ConfigureAwait(false);
        if (run.StartError is not null)
        {
            return new RestoreRunResult(false, [new RestoreMessage(null, $"{run.StartError} Package references need the .NET SDK.")], string.Empty);
        }

        if (run.TimedOut)
        {
            return new RestoreRunResult(false, [new RestoreMessage(null, $"dotnet restore did not finish within {Timeout.TotalMinutes:0} minutes and was stopped.")], run.Output);
        }

        var errors = run.Output.Split('\n')
            .Select(l => ErrorLine().Match(l.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new RestoreMessage(m.Groups["code"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();
        if (run.ExitCode != 0 && errors.Count == 0)
        {
            var lastLines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5);
            errors.Add(new RestoreMessage(null, $"dotnet restore exited with code {run.ExitCode}: {string.Join(" ", lastLines)}"));
        }

        var warnings = run.Output.Split('\n')
            .Select(l => SourceWarningLine().Match(l.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new RestoreMessage(m.Groups["code"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();
        return new RestoreRunResult(run.ExitCode == 0, errors, run.Output) { SourceWarnings = warnings };
    }
}
