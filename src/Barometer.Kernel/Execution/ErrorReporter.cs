using System.Globalization;
using System.Text.RegularExpressions;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Projects;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Execution;

/// <summary>Where an error happened: the cell's 1-based number among all cells, its execution count, its source.</summary>
internal readonly record struct CellLocation(int CellNumber, int ExecutionCount, string Source)
{
    public string Label => $"Cell {CellNumber} (execution count {ExecutionCount})";
}

/// <summary>
/// Turns compile diagnostics, exceptions, timeouts and unsupported input into <see cref="CellError"/>s whose
/// traceback points at cells and lines. Each cell is compiled with a file path ending in <c>#cellN</c>, so
/// stack frames (which carry line numbers thanks to the emitted PDB) read <c>in …#cell3:line 4</c>; those are
/// rewritten as <c>in cell 3, line 4</c>. Frames without line information are mapped through the
/// submission class name (<c>Submission#5</c>) to the cell that defined it.
/// </summary>
internal static partial class ErrorReporter
{
    public const string CellPathMarker = "#cell";

    [GeneratedRegex(@"^(?<indent>\s*)at (?<method>.+?)(?: in (?<path>.*?)#cell(?<cell>\d+):line (?<line>\d+))?\s*$")]
    private static partial Regex FramePattern();

    [GeneratedRegex(@"#cell(?<cell>\d+)$")]
    private static partial Regex CellPathPattern();

    [GeneratedRegex(@"^(?<submission>Submission#\d+)\.")]
    private static partial Regex SubmissionPrefix();

    public static CellError FromPreparation(PreparationError error, CellLocation location)
    {
        var at = error.Line is int line ? $", line {line}" : string.Empty;
        return error.Kind switch
        {
            CellErrorKind.UnsupportedLanguage => Build(
                CellErrorKind.UnsupportedLanguage,
                "NotSupportedException",
                $"Cell {location.CellNumber} is a '{error.Subject}' cell; this kernel runs C# cells only (kernel 'csharp'), and shows html, markdown, javascript and value cells. Rewrite the cell in C#, or run it with a kernel for {error.Subject}.",
                location,
                error.Line,
                null),
            CellErrorKind.MagicCommand => MagicFailure(error.Message ?? error.Subject, error.Line, location),
            _ when error.Message is not null => Build(
                CellErrorKind.UnsupportedDirective,
                "NotSupportedException",
                $"{location.Label}{at}: {error.Message}.",
                location,
                error.Line,
                null),
            _ => Build(
                CellErrorKind.UnsupportedDirective,
                "NotSupportedException",
                $"{location.Label}{at}: the magic command '{error.Subject}' is not supported by this kernel. Supported: {Magics.MagicRegistry.Supported}.",
                location,
                error.Line,
                null),
        };
    }

    /// <summary>A magic command that could not run as written (arguments, a missing value, an unreadable file).</summary>
    public static CellError MagicFailure(string message, int? line, CellLocation location) => Build(
        CellErrorKind.MagicCommand,
        "MagicCommandError",
        $"{location.Label}{(line is int l ? $", line {l}" : string.Empty)}: {message.TrimEnd('.')}.",
        location,
        line,
        null);

    public static CellError FromPackageFailure(PackageFailure failure, CellLocation location)
    {
        var directive = failure.Directive;
        var subject = directive.Kind == PackageDirectiveKind.Source
            ? $"package source '{directive.Name}'"
            : $"NuGet package '{directive.Name}'{(directive.Version is null ? string.Empty : $" version {directive.Version}")}";
        var error = Build(
            CellErrorKind.NuGetReference,
            "PackageReferenceError",
            $"{location.Label}, line {directive.Line}: {subject}: {failure.Message}",
            location,
            directive.Line,
            null);
        var traceback = error.Traceback.Concat(failure.Details.Select(d => "  " + d)).ToList();
        return error with { Traceback = traceback };
    }

    public static CellError FromProjectFailure(ProjectDirective directive, string message, IReadOnlyList<string> details, CellLocation location)
    {
        var error = Build(
            CellErrorKind.ProjectReference,
            "ProjectReferenceError",
            $"{location.Label}, line {directive.Line}: {directive.Text}: {message}",
            location,
            directive.Line,
            null);
        return error with { Traceback = [.. error.Traceback, .. details.Select(d => "  " + d)] };
    }

    public static CellError FromDiagnostics(IReadOnlyList<Diagnostic> errors, CellLocation location)
    {
        var first = errors[0];
        var (line, column, where) = Position(first, location);
        var message = first.GetMessage(CultureInfo.InvariantCulture);
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error{(errors.Count > 2 ? "s" : string.Empty)})" : string.Empty;
        var evalue = $"{where}: error {first.Id}: {message}{more}";

        var traceback = new List<string> { $"{location.Label}: compilation failed" };
        foreach (var diagnostic in errors.Take(20))
        {
            var (l, c, w) = Position(diagnostic, location);
            traceback.Add($"  {w}: error {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
            if (IsInCell(diagnostic) && l is int lineNumber && c is int columnNumber)
            {
                traceback.AddRange(Excerpt(location.Source, lineNumber, columnNumber));
            }
        }

        if (errors.Count > 20)
        {
            traceback.Add($"  ... and {errors.Count - 20} more errors");
        }

        return new CellError(CellErrorKind.Compilation, "CompilationError", evalue, traceback, line, column);
    }

    public static CellError FromException(Exception exception, CellLocation location, IReadOnlyDictionary<string, int> submissionCells)
    {
        var lines = MapStackTrace(exception.ToString(), submissionCells, location.CellNumber, out var line);
        var where = line is int l ? $", line {l}" : string.Empty;
        var traceback = new List<string> { $"{location.Label}{where}: {lines[0]}" };
        traceback.AddRange(lines.Skip(1));
        return new CellError(CellErrorKind.Exception, exception.GetType().Name, exception.Message, traceback, line);
    }

    public static CellError Timeout(TimeSpan timeout, CellLocation location)
    {
        var limit = FormatDuration(timeout);
        return Build(
            CellErrorKind.Timeout,
            nameof(TimeoutException),
            $"{location.Label} did not finish within {limit} of starting to run (the per-cell timeout, counted after it compiled) and was abandoned.",
            location,
            null,
            null);
    }

    public static CellError Interrupted(CellLocation location, bool abandoned) => Build(
        CellErrorKind.Interrupted,
        "OperationCanceledException",
        abandoned
            ? $"{location.Label} was interrupted and did not stop at its cancellation token (the CancellationToken global) within the grace period; it was abandoned and the session continues from the state before it."
            : $"{location.Label} was interrupted.",
        location,
        null,
        null);

    /// <summary>The kernel process ended while the cell ran; <paramref name="detail"/> says how (exit code, last lines of its standard error).</summary>
    public static CellError KernelDied(CellLocation location, string detail) => Build(
        CellErrorKind.KernelDied,
        "DeadKernelError",
        $"The kernel died while running {location.Label.ToLowerInvariant()}: {detail}",
        location,
        null,
        null);

    /// <summary>The cell outlived its timeout and did not stop when interrupted, so its kernel process was stopped.</summary>
    public static CellError TimeoutKernelStopped(TimeSpan timeout, CellLocation location) => Build(
        CellErrorKind.Timeout,
        "CellTimeoutError",
        $"{location.Label} did not finish within {FormatDuration(timeout)} of starting to run (the per-cell timeout, counted after it compiled) and did not stop when interrupted; its kernel was stopped.",
        location,
        null,
        null);

    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds < 1
            ? $"{duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : duration.TotalMinutes < 1
                ? $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
                : $"{duration.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min";

    private static CellError Build(CellErrorKind kind, string ename, string evalue, CellLocation location, int? line, int? column)
    {
        var header = line is int l ? $"{location.Label}, line {l}" : location.Label;
        var traceback = new List<string> { $"{header}: {ename}: {evalue}" };
        if (line is int lineNumber)
        {
            traceback.AddRange(Excerpt(location.Source, lineNumber, column ?? 1));
        }

        return new CellError(kind, ename, evalue, traceback, line, column);
    }

    private static (int? Line, int? Column, string Where) Position(Diagnostic diagnostic, CellLocation location)
    {
        if (!diagnostic.Location.IsInSource)
        {
            return (null, null, location.Label);
        }

        var span = diagnostic.Location.GetLineSpan();
        var line = span.StartLinePosition.Line + 1;
        var column = span.StartLinePosition.Character + 1;
        var where = IsInCell(diagnostic)
            ? $"{location.Label}, line {line}, column {column}"
            : $"{span.Path}({line},{column})";
        return (line, column, where);
    }

    private static bool IsInCell(Diagnostic diagnostic) =>
        diagnostic.Location.IsInSource && CellPathPattern().IsMatch(diagnostic.Location.GetLineSpan().Path ?? string.Empty);

    private static IEnumerable<string> Excerpt(string source, int line, int column)
    {
        var lines = source.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            yield break;
        }

        var text = lines[line - 1].TrimEnd('\r');
        var gutter = line.ToString(CultureInfo.InvariantCulture);
        yield return $"    {gutter} | {text}";
        yield return $"    {new string(' ', gutter.Length)} | {new string(' ', Math.Clamp(column - 1, 0, text.Length))}^";
    }

    /// <summary>Rewrites an exception's ToString(): frames point at cells; Roslyn's own frames are dropped.</summary>
    internal static List<string> MapStackTrace(string trace, IReadOnlyDictionary<string, int> submissionCells, int currentCell, out int? lineInCurrentCell)
    {
        lineInCurrentCell = null;
        var result = new List<string>();
        foreach (var raw in trace.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var match = FramePattern().Match(raw);
            if (!match.Success)
            {
                result.Add(raw);
                continue;
            }

            var method = match.Groups["method"].Value;
            if (method.StartsWith("Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal))
            {
                continue;
            }

            int? cell = match.Groups["cell"].Success ? int.Parse(match.Groups["cell"].Value, CultureInfo.InvariantCulture) : null;
            int? line = match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture) : null;
            var submission = SubmissionPrefix().Match(method);
            if (submission.Success)
            {
                if (cell is null && submissionCells.TryGetValue(submission.Groups["submission"].Value, out var mapped))
                {
                    cell = mapped;
                }

                method = method[submission.Length..];
                if (method.Contains("<Initialize>", StringComparison.Ordinal) || method.StartsWith("<Factory>", StringComparison.Ordinal))
                {
                    method = cell is int c ? $"<cell {c}>" : "<cell>";
                }
            }

            if (cell == currentCell && line is int l && lineInCurrentCell is null)
            {
                lineInCurrentCell = l;
            }

            var location = cell is int cellNumber
                ? line is int lineNumber ? $" in cell {cellNumber}, line {lineNumber}" : $" in cell {cellNumber}"
                : match.Groups["path"].Success ? $" in {match.Groups["path"].Value}:line {match.Groups["line"].Value}" : string.Empty;
            result.Add($"{match.Groups["indent"].Value}at {method}{location}");
        }

        // Drop "--- End of stack trace from previous location ---" lines left dangling by removed frames.
        for (var i = result.Count - 1; i >= 0; i--)
        {
            var isSeparator = result[i].TrimStart().StartsWith("--- End of stack trace", StringComparison.Ordinal);
            var nextIsFrameOrEnd = i + 1 < result.Count && result[i + 1].TrimStart().StartsWith("at ", StringComparison.Ordinal);
            if (isSeparator && !nextIsFrameOrEnd)
            {
                result.RemoveAt(i);
            }
        }

        while (result.Count > 1 && string.IsNullOrWhiteSpace(result[^1]))
        {
            result.RemoveAt(result.Count - 1);
        }

        return result;
    }
}
