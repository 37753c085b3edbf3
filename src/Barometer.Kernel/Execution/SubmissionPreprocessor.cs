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
/// <item>.NET 10's file-based-app directives <c>#:package</c>, <c>#:project</c>, <c>#:property LangVersion=…</c> are
/// taken out the same way (<see cref="AppDirectiveParser"/>);</item>
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
        var projects = new List<ProjectDirective>();
        var languageVersions = new List<LanguageVersionDirective>();
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
            if (AppDirectiveParser.TryParse(line, i + 1, out var app))
            {
                // .NET 10's file-based-app directives (#:package, #:project, #:property): taken out like #r "nuget:".
                if (app.Error is not null)
                {
                    return new PreparedSubmission(string.Empty, new PreparationError(CellErrorKind.UnsupportedDirective, trimmed, i + 1, app.Error));
                }

                AddIfSet(packages, app.Package);
                AddIfSet(projects, app.Project);
                AddIfSet(languageVersions, app.LanguageVersion);
                lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
                continue;
            }

            if (PackageDirectiveParser.TryParse(line, i + 1, out var directive))
            {
                packages.Add(directive!);
                lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
            }
        }

        return new PreparedSubmission(string.Join('\n', lines), null) { Packages = packages, Projects = projects, LanguageVersion = languageVersions.LastOrDefault() };
    }

    private static void AddIfSet<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }
}

/// <summary>The outcome of <see cref="SubmissionPreprocessor.Prepare"/>: code for Roslyn, or why there is none.</summary>
internal sealed record PreparedSubmission(string Code, PreparationError? Error)
{
    /// <summary>The cell's <c>#r "nuget:…"</c> / <c>#i "nuget:…"</c> / <c>#:package</c> directives, in order.</summary>
    public IReadOnlyList<PackageDirective> Packages { get; init; } = [];

    /// <summary>The cell's <c>#:project</c> directives, in order.</summary>
    public IReadOnlyList<ProjectDirective> Projects { get; init; } = [];

    /// <summary>The cell's <c>#:property LangVersion=…</c> (the last one), or null.</summary>
    public LanguageVersionDirective? LanguageVersion { get; init; }

    public static PreparedSubmission Failed(CellErrorKind kind, string subject, int? line) =>
        new(string.Empty, new PreparationError(kind, subject, line));
}

/// <summary>A problem found before compiling (language, magic command); <paramref name="Message"/> replaces the generic text.</summary>
internal sealed record PreparationError(CellErrorKind Kind, string Subject, int? Line, string? Message = null);
