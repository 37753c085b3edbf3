using Barometer.Kernel.Documents;
using Barometer.Kernel.Packages;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Checks a cell's text before it reaches Roslyn. Handles the subset of Polyglot Notebooks syntax that this
/// kernel supports and turns the rest into clear errors instead of confusing compiler messages:
/// <list type="bullet">
/// <item>a first line <c>#!csharp</c> (or <c>#!c#</c>, <c>#!C#</c>) is removed (replaced by an empty line, so
/// line numbers in messages still match the cell);</item>
/// <item>a first line naming another kernel (<c>#!fsharp</c>, <c>#!pwsh</c>, …) → unsupported language;</item>
/// <item><c>#r "nuget:Name, Version"</c> and <c>#i "nuget:SOURCE"</c> lines are taken out (replaced by empty
/// lines) and returned as <see cref="PreparedSubmission.Packages"/> for the session's package service;</item>
/// <item>other magic commands (<c>#!time</c>, <c>#!set</c>, …) → not supported;</item>
/// <item><c>#r "path.dll"</c> and <c>#load "file.csx"</c> pass through to Roslyn (resolved relative to the notebook's folder).</item>
/// </list>
/// </summary>
internal static class SubmissionPreprocessor
{
    public static PreparedSubmission Prepare(string source, string? kernelName)
    {
        if (kernelName is not null && !KernelNames.IsCSharp(kernelName))
        {
            return PreparedSubmission.Failed(CellErrorKind.UnsupportedLanguage, KernelNames.Normalize(kernelName), null);
        }

        var lines = source.Split('\n');
        var packages = new List<PackageDirective>();
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
            if (PackageDirectiveParser.TryParse(line, i + 1, out var directive))
            {
                packages.Add(directive!);
                lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
            }
        }

        return new PreparedSubmission(string.Join('\n', lines), null) { Packages = packages };
    }
}

/// <summary>The outcome of <see cref="SubmissionPreprocessor.Prepare"/>: code for Roslyn, or why there is none.</summary>
internal sealed record PreparedSubmission(string Code, PreparationError? Error)
{
    /// <summary>The cell's <c>#r "nuget:…"</c> / <c>#i "nuget:…"</c> directives, in order.</summary>
    public IReadOnlyList<PackageDirective> Packages { get; init; } = [];

    public static PreparedSubmission Failed(CellErrorKind kind, string subject, int? line) =>
        new(string.Empty, new PreparationError(kind, subject, line));
}

/// <summary>A problem found before compiling (language, magic command).</summary>
internal sealed record PreparationError(CellErrorKind Kind, string Subject, int? Line);
