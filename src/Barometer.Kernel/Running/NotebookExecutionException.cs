using System.Text;
using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Running;

/// <summary>
/// A notebook cell failed. Carries what a CI log needs: the notebook, the cell number (1-based among all
/// cells) and execution count, the cell's source, and the nbformat error (ename, evalue, traceback).
/// The message quotes all of it.
/// </summary>
public sealed class NotebookExecutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookExecutionException(
        string notebookPath,
        string? outputPath,
        int cellNumber,
        int? executionCount,
        string? cellId,
        string source,
        CellError error)
        : base(BuildMessage(notebookPath, outputPath, cellNumber, executionCount, source, error))
    {
        NotebookPath = notebookPath;
        OutputPath = outputPath;
        CellNumber = cellNumber;
        ExecutionCount = executionCount;
        CellId = cellId;
        CellSource = source;
        Kind = error.Kind;
        EName = error.EName;
        EValue = error.EValue;
        Traceback = error.Traceback;
        Line = error.Line;
    }

    /// <summary>The notebook that failed.</summary>
    public string NotebookPath { get; }

    /// <summary>Where the partial executed notebook was written (null if not written).</summary>
    public string? OutputPath { get; }

    /// <summary>1-based position of the failing cell among all cells.</summary>
    public int CellNumber { get; }

    /// <summary>Its execution count.</summary>
    public int? ExecutionCount { get; }

    /// <summary>Its nbformat id.</summary>
    public string? CellId { get; }

    /// <summary>Its source.</summary>
    public string CellSource { get; }

    /// <summary>What kind of failure.</summary>
    public CellErrorKind Kind { get; }

    /// <summary>Error name (exception type name, <c>CompilationError</c>, <c>TimeoutException</c>, …).</summary>
    public string EName { get; }

    /// <summary>Error description.</summary>
    public string EValue { get; }

    /// <summary>Traceback lines, pointing at cells and lines.</summary>
    public IReadOnlyList<string> Traceback { get; }

    /// <summary>Line in the cell, when known.</summary>
    public int? Line { get; }

    private static string BuildMessage(string notebookPath, string? outputPath, int cellNumber, int? executionCount, string source, CellError error)
    {
        var builder = new StringBuilder();
        builder.Append("Notebook '").Append(notebookPath).Append("' failed at cell ").Append(cellNumber);
        if (executionCount is int count)
        {
            builder.Append(" (execution count ").Append(count).Append(')');
        }

        builder.Append(": ").Append(error.EName).Append(": ").Append(error.EValue).Append('\n');
        builder.Append("Cell ").Append(cellNumber).Append(" source:\n");
        foreach (var line in Excerpt(source, error.Line))
        {
            builder.Append(line).Append('\n');
        }

        builder.Append("Traceback:\n");
        foreach (var line in error.Traceback)
        {
            builder.Append("  ").Append(line).Append('\n');
        }

        if (outputPath is not null)
        {
            builder.Append("The partially executed notebook was written to '").Append(outputPath).Append("'.");
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>Up to 8 numbered lines of the source, centred on the failing line when known.</summary>
    private static IEnumerable<string> Excerpt(string source, int? errorLine)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        const int max = 8;
        var start = errorLine is int l ? Math.Max(0, Math.Min(l - 4, lines.Length - max)) : 0;
        var end = Math.Min(lines.Length, start + max);
        for (var i = start; i < end; i++)
        {
            var marker = errorLine == i + 1 ? ">" : " ";
            yield return $"  {marker}{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),4} | {lines[i]}";
        }

        if (end < lines.Length)
        {
            yield return $"        ... ({lines.Length - end} more lines)";
        }
    }
}
