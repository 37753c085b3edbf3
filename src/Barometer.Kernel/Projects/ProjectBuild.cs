using System.Text.Json;
using System.Text.RegularExpressions;
using Barometer.Kernel.Packages;

namespace Barometer.Kernel.Projects;

/// <summary>Where a built project's output is: the assembly and the assets file of its restore.</summary>
/// <param name="TargetPath">The built assembly (<c>bin/Debug/net10.0/X.dll</c>).</param>
/// <param name="AssetsFile">The restore's <c>project.assets.json</c> (its packages with compile and runtime assets).</param>
/// <param name="TargetFramework">The target framework built.</param>
internal sealed record ProjectOutput(string TargetPath, string AssetsFile, string TargetFramework);

/// <summary>How one <c>dotnet build</c> ended: the output, or the errors as <c>file:line:column: error CODE: message</c>.</summary>
internal sealed record ProjectBuildResult(ProjectOutput? Output, IReadOnlyList<string> Errors);

/// <summary>
/// Builds a project with the SDK's own <c>dotnet build</c> (default configuration, as the user's own build), in a child
/// process, and asks MSBuild in the same run where the output and the assets file are
/// (<c>-getProperty:TargetPath -getProperty:ProjectAssetsFile … -getTargetResult:Build</c>). A project that targets
/// several frameworks is built for the one closest to the running .NET.
/// </summary>
internal static partial class ProjectBuild
{
    /// <summary>Longest a build may take before it is stopped.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [GeneratedRegex(@"^\s*(?<file>.+?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\):\s*error\s+(?<code>[A-Za-z]+\d+)\s*:\s*(?<message>.*?)(\s+\[[^\]]*\])?\s*$")]
    private static partial Regex LocatedError();

    [GeneratedRegex(@"^\s*(?<where>[^:]*?):?\s*error\s+(?<code>[A-Za-z]+\d+)\s*:\s*(?<message>.*?)(\s+\[[^\]]*\])?\s*$")]
    private static partial Regex OtherError();

    public static async Task<ProjectBuildResult> RunAsync(DotNetHost host, string projectFile, string? targetFramework, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "build", projectFile, "--disable-build-servers", "-nologo", "-v:q", "-clp:NoSummary", "-p:NuGetInteractive=false",
            "-getProperty:TargetPath", "-getProperty:ProjectAssetsFile", "-getProperty:TargetFramework", "-getProperty:TargetFrameworks",
            "-getTargetResult:Build",
        ];
        if (targetFramework is not null)
        {
            arguments.AddRange(["-f", targetFramework]);
        }

        var run = await DotNetProcess.RunAsync(host, Path.GetDirectoryName(projectFile)!, arguments, Timeout, "build", cancellationToken).ConfigureAwait(false);
        if (run.StartError is not null)
        {
            return new ProjectBuildResult(null, [$"{run.StartError} Building a project needs the .NET SDK."]);
        }

        if (run.TimedOut)
        {
            return new ProjectBuildResult(null, [$"dotnet build did not finish within {Timeout.TotalMinutes:0} minutes and was stopped."]);
        }

        var jsonStart = run.Output.IndexOf("\n{", StringComparison.Ordinal) is var i and >= 0 ? i + 1 : (run.Output.StartsWith('{') ? 0 : -1);
        var errors = Errors(jsonStart < 0 ? run.Output : run.Output[..jsonStart]);
        if (jsonStart < 0)
        {
            return new ProjectBuildResult(null, errors.Count > 0 ? errors : [$"dotnet build exited with code {run.ExitCode}: {LastLines(run.Output)}"]);
        }

        using var document = JsonDocument.Parse(run.Output[jsonStart..]);
        var properties = document.RootElement.GetProperty("Properties");
        string Property(string name) => properties.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
        var succeeded = document.RootElement.TryGetProperty("TargetResults", out var results) &&
                        results.TryGetProperty("Build", out var build) && build.GetProperty("Result").GetString() == "Success";
        if (!succeeded || run.ExitCode != 0)
        {
            return new ProjectBuildResult(null, errors.Count > 0 ? errors : [$"dotnet build failed (exit code {run.ExitCode}): {LastLines(run.Output)}"]);
        }

        if (Property("TargetPath").Length == 0 && targetFramework is null && ClosestFramework(Property("TargetFrameworks"), host) is { } chosen)
        {
            return await RunAsync(host, projectFile, chosen, cancellationToken).ConfigureAwait(false);
        }

        return Property("TargetPath") is { Length: > 0 } targetPath && File.Exists(targetPath)
            ? new ProjectBuildResult(new ProjectOutput(targetPath, Property("ProjectAssetsFile"), targetFramework ?? Property("TargetFramework")), [])
            : new ProjectBuildResult(null, [$"the build of {Path.GetFileName(projectFile)} produced no assembly (TargetPath '{Property("TargetPath")}'); #:project needs a class library or an application."]);
    }

    /// <summary>The errors of a build's output, each once, as <c>file:line:column: error CODE: message</c> (1-based line and column).</summary>
    internal static List<string> Errors(string output)
    {
        var errors = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            string? error = null;
            if (LocatedError().Match(text) is { Success: true } located)
            {
                error = $"{located.Groups["file"].Value.Trim()}:{located.Groups["line"].Value}:{located.Groups["column"].Value}: error {located.Groups["code"].Value}: {located.Groups["message"].Value}";
            }
            else if (OtherError().Match(text) is { Success: true } other)
            {
                var where = other.Groups["where"].Value.Trim();
                error = $"{(where.Length > 0 ? where + ": " : string.Empty)}error {other.Groups["code"].Value}: {other.Groups["message"].Value}";
            }

            if (error is not null && !errors.Contains(error, StringComparer.Ordinal))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static string? ClosestFramework(string targetFrameworks, DotNetHost host)
    {
        var frameworks = targetFrameworks.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (frameworks.Contains(host.TargetFramework, StringComparer.OrdinalIgnoreCase))
        {
            return host.TargetFramework;
        }

        var runtime = Environment.Version;
        return frameworks
            .Select(f => (Framework: f, Version: f.StartsWith("net", StringComparison.OrdinalIgnoreCase) && !f.Contains('-', StringComparison.Ordinal) && Version.TryParse(f[3..], out var v) && v.Major >= 5 ? v : null))
            .Where(f => f.Version is not null && f.Version <= new Version(runtime.Major, runtime.Minor))
            .OrderByDescending(f => f.Version)
            .Select(f => f.Framework)
            .FirstOrDefault()
            ?? frameworks.FirstOrDefault(f => f.StartsWith("netstandard", StringComparison.OrdinalIgnoreCase));
    }

    private static string LastLines(string output) =>
        string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
}
