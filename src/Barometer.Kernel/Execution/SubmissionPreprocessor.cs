using System.Text.RegularExpressions;
using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Checks a cell's text before it reaches Roslyn. Handles the subset of Polyglot Notebooks syntax that this
/// kernel supports and turns the rest into clear errors instead of confusing compiler messages:
/// <list type="bullet">
/// <item>a first line <c>#!csharp</c> (or <c>#!c#</c>, <c>#!C#</c>) is removed (replaced by an empty line, so
/// line numbers in messages still match the cell);</item>
/// <item>a first line naming another kernel (<c>#!fsharp</c>, <c>#!pwsh</c>, …) → unsupported language;</item>
/// <item><c>#r "nuget:Name, Version"</c> (or <c>#i "nuget:..."</c>) → no package registry at run time;</item>
/// <item>other magic commands (<c>#!time</c>, <c>#!set</c>, …) → not supported;</item>
/// <item><c>#r "path.dll"</c> and <c>#load "file.csx"</c> pass through to Roslyn (resolved relative to the notebook's folder).</item>
/// </list>
/// </summary>
internal static partial class SubmissionPreprocessor
{
    [GeneratedRegex("""^\s*#(?<kind>r|i)\s+"\s*nuget\s*:\s*(?<name>[^,"]*?)\s*(,\s*(?<version>[^"]*?)\s*)?"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetDirective();

    public static PreparedSubmission Prepare(string source, string? kernelName)
    {
        if (kernelName is not null && !KernelNames.IsCSharp(kernelName))
        {
            return PreparedSubmission.Failed(CellErrorKind.UnsupportedLanguage, KernelNames.Normalize(kernelName), null);
        }

        var lines = source.Split('\n');
        var firstCodeLine = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var name = trimmed[2..].Trim();
                if (firstCodeLine && KernelNames.IsKnown(name))
                {
                    if (!KernelNames.IsCSharp(name))
                    {
                        return PreparedSubmission.Failed(CellErrorKind.UnsupportedLanguage, KernelNames.Normalize(name), i + 1);
                    }

                    lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
                    firstCodeLine = false;
                    continue;
                }

                return PreparedSubmission.Failed(CellErrorKind.UnsupportedDirective, trimmed, i + 1);
            }

            firstCodeLine = false;
            var nuget = NuGetDirective().Match(line);
            if (nuget.Success)
            {
                var package = nuget.Groups["name"].Value;
                var version = nuget.Groups["version"].Success && nuget.Groups["version"].Value.Length > 0 ? nuget.Groups["version"].Value : null;
                return PreparedSubmission.Failed(CellErrorKind.NuGetReference, trimmed, i + 1, package, version);
            }
        }

        return new PreparedSubmission(string.Join('\n', lines), null);
    }
}

/// <summary>The outcome of <see cref="SubmissionPreprocessor.Prepare"/>: code for Roslyn, or why there is none.</summary>
internal sealed record PreparedSubmission(string Code, PreparationError? Error)
{
    public static PreparedSubmission Failed(CellErrorKind kind, string subject, int? line, string? package = null, string? version = null) =>
        new(string.Empty, new PreparationError(kind, subject, line, package, version));
}

/// <summary>A problem found before compiling (language, NuGet reference, magic command).</summary>
internal sealed record PreparationError(CellErrorKind Kind, string Subject, int? Line, string? Package, string? Version);
