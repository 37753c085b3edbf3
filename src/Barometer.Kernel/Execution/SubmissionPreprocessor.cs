using Barometer.Kernel.Documents;
using Barometer.Kernel.Magics;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Projects;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Checks a cell's text before it reaches Roslyn. Handles the Polyglot Notebooks syntax this kernel supports and turns
/// the rest into clear errors instead of confusing compiler messages:
/// <list type="bullet">
/// <item>a kernel line <c>#!csharp</c> (or <c>#!c#</c>, <c>#!C#</c>, <c>#!cs</c>), anywhere, is removed (replaced by an
/// empty line, so line numbers in messages still match the cell);</item>
/// <item>a kernel line or a cell kernel (metadata) naming another language (<c>#!fsharp</c>, <c>#!pwsh</c>, …) →
/// unsupported language;</item>
/// <item>magic commands (<c>#!time</c>, <c>#!who</c>, <c>#!share</c>, …) and the kernel lines this kernel shows
/// (<c>#!html</c>, <c>#!markdown</c>, <c>#!javascript</c>, <c>#!value</c>) split the cell into
/// <see cref="PreparedSubmission.Steps"/> (see <see cref="MagicRegistry"/>); their arguments are checked here, so a
/// wrong one fails the cell before any of it runs; a <c>#!</c> name no handler knows → an error listing those that exist;</item>
/// <item><c>#r "nuget:Name, Version"</c> and <c>#i "nuget:SOURCE"</c> lines are taken out (replaced by empty
/// lines) and returned as <see cref="PreparedSubmission.Packages"/> for the session's package service;</item>
/// <item>.NET 10's file-based-app directives <c>#:package</c>, <c>#:project</c>, <c>#:property LangVersion=…</c> are
/// taken out the same way (<see cref="AppDirectiveParser"/>);</item>
/// <item><c>#r "path.dll"</c> and <c>#load "file.csx"</c> pass through to Roslyn (resolved relative to the notebook's folder).</item>
/// </list>
/// </summary>
internal static class SubmissionPreprocessor
{
    public static PreparedSubmission Prepare(string source, string? kernelName)
    {
        var language = kernelName is null ? KernelNames.CSharp : KernelNames.Normalize(kernelName);
        IMagicCommand? cellKernel = null;
        if (language != KernelNames.CSharp && !MagicRegistry.TryGet("#!" + language, out cellKernel))
        {
            return PreparedSubmission.Failed(CellErrorKind.UnsupportedLanguage, language, null);
        }

        var lines = source.Split('\n');
        var parts = new List<object>(); // Segment or MagicStep, in order
        var current = new Segment(language, cellKernel, null);
        var hasSteps = cellKernel is not null;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (!trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                current.Lines.Add(i);
                continue;
            }

            MagicLine magic;
            IMagicCommand? command;
            try
            {
                magic = MagicLine.Parse(trimmed, i + 1);
                if (!MagicRegistry.TryGet(magic.Name, out command))
                {
                    return KernelNames.IsKnown(magic.BareName)
                        ? PreparedSubmission.Failed(CellErrorKind.UnsupportedLanguage, KernelNames.Normalize(magic.BareName), i + 1)
                        : PreparedSubmission.Failed(CellErrorKind.UnsupportedDirective, magic.Name, i + 1);
                }

                if (!command.IsKernel || command is CSharpKernelLine)
                {
                    command.Check(magic); // a kernel line's arguments are checked with its content (a bare #!value only switches)
                }
            }
            catch (MagicException e)
            {
                return new PreparedSubmission(string.Empty, new PreparationError(CellErrorKind.MagicCommand, trimmed, i + 1, e.Message));
            }

            lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
            parts.Add(current);
            if (command.IsKernel)
            {
                var kernel = command is CSharpKernelLine ? null : command;
                hasSteps |= kernel is not null;
                current = new Segment(kernel is null ? KernelNames.CSharp : command.Name[2..], kernel, magic);
            }
            else
            {
                hasSteps = true;
                parts.Add(new MagicStep(command, magic, null));
                current = current with { Lines = [] };
            }
        }

        parts.Add(current);
        return hasSteps ? PrepareSteps(lines, parts) : PrepareCSharp(lines);
    }

    /// <summary>A cell with magic commands or non-C# kernel lines: its steps, each C# part prepared on its own.</summary>
    private static PreparedSubmission PrepareSteps(string[] lines, List<object> parts)
    {
        var steps = new List<CellStep>();
        foreach (var part in parts)
        {
            if (part is MagicStep magic)
            {
                steps.Add(magic);
                continue;
            }

            var segment = (Segment)part;
            if (segment.Kernel is null)
            {
                if (segment.Lines.All(i => lines[i].Trim().Length == 0))
                {
                    continue;
                }

                var own = new string[lines.Length];
                Array.Fill(own, string.Empty);
                segment.Lines.ForEach(i => own[i] = lines[i]);
                var code = PrepareCSharp(own);
                if (code.Error is not null)
                {
                    return code;
                }

                steps.Add(new CodeStep(code));
                continue;
            }

            var content = string.Join('\n', Documents.DibReader.TrimBlankLines(segment.Lines.Select(i => lines[i].TrimEnd('\r')).ToList()));
            if (content.Length == 0 && (segment.Header is null || segment.Header.Arguments.Count == 0))
            {
                continue;
            }

            var header = segment.Header ?? new MagicLine(segment.Kernel.Name, [], 1, segment.Kernel.Name);
            try
            {
                segment.Kernel.Check(header);
            }
            catch (MagicException e)
            {
                return new PreparedSubmission(string.Empty, new PreparationError(CellErrorKind.MagicCommand, header.Text, segment.Header?.LineNumber, e.Message));
            }

            steps.Add(new MagicStep(segment.Kernel, header, content));
        }

        return new PreparedSubmission(string.Empty, null) { Steps = steps };
    }

    /// <summary>C# lines (kernel and magic lines already blank): package and app directives taken out.</summary>
    private static PreparedSubmission PrepareCSharp(string[] lines)
    {
        var packages = new List<PackageDirective>();
        var projects = new List<ProjectDirective>();
        var languageVersions = new List<LanguageVersionDirective>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

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

    /// <summary>Lines (indexes) under one kernel: C# when <paramref name="Kernel"/> is null.</summary>
    private sealed record Segment(string Language, IMagicCommand? Kernel, MagicLine? Header)
    {
        public List<int> Lines { get; init; } = [];
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

    /// <summary>
    /// For a cell with magic commands or non-C# kernel lines: its steps in order (then <see cref="Code"/> is empty and
    /// each <see cref="CodeStep"/> holds its own directives); empty for a plain C# cell.
    /// </summary>
    public IReadOnlyList<CellStep> Steps { get; init; } = [];

    public static PreparedSubmission Failed(CellErrorKind kind, string subject, int? line) =>
        new(string.Empty, new PreparationError(kind, subject, line));
}

/// <summary>A problem found before compiling (language, magic command); <paramref name="Message"/> replaces the generic text.</summary>
internal sealed record PreparationError(CellErrorKind Kind, string Subject, int? Line, string? Message = null);
