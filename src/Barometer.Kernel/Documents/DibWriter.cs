namespace Barometer.Kernel.Documents;

/// <summary>
/// Writes Polyglot <c>.dib</c> text: <c>#!meta</c> with the notebook's <c>polyglot_notebook</c> metadata
/// on one line, then each non-empty cell as <c>#!kernel</c>, a blank line, the source, a blank line.
/// A .dib file cannot hold outputs, cell metadata or raw cells; those are not written.
/// </summary>
internal static class DibWriter
{
    /// <summary>Serializes a notebook to .dib text.</summary>
    public static string Serialize(Notebook notebook)
    {
        var lines = new List<string>();
        if (notebook.Metadata["polyglot_notebook"] is { } meta)
        {
            lines.Add("#!meta");
            lines.Add(string.Empty);
            lines.Add(JupyterJson.SerializeCompact(meta));
            lines.Add(string.Empty);
        }

        foreach (var cell in notebook.Cells)
        {
            if (cell.CellType == CellType.Raw)
            {
                continue;
            }

            var cellLines = DibReader.TrimBlankLines(cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
            if (cellLines.Count == 0)
            {
                continue;
            }

            var kernel = cell.CellType == CellType.Markdown ? KernelNames.Markdown : cell.KernelName ?? notebook.DefaultKernelName;
            lines.Add("#!" + kernel);
            lines.Add(string.Empty);
            lines.AddRange(cellLines);
            lines.Add(string.Empty);
        }

        return string.Join(notebook.DibNewline, lines);
    }
}
