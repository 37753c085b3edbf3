using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// Reads Polyglot Notebooks <c>.dib</c> files: an optional <c>#!meta</c> section holding one JSON object
/// (the notebook's <c>polyglot_notebook</c> metadata, e.g. <c>kernelInfo</c>), then cells that each start
/// with a <c>#!kernel</c> line (<c>#!csharp</c>, <c>#!markdown</c>, <c>#!fsharp</c>, …). Lines starting with
/// <c>#!</c> that are not kernel names (magic commands such as <c>#!time</c>) stay in the cell. Leading and
/// trailing blank lines of each cell are dropped and empty cells are dropped, as dotnet-interactive does.
/// </summary>
public static class DibReader
{
    /// <summary>Parses .dib text.</summary>
    public static Notebook Parse(string text)
    {
        var notebook = new Notebook { DibNewline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n" };
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        var index = 0;
        while (index < lines.Length && lines[index].Trim().Length == 0)
        {
            index++;
        }

        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        if (index < lines.Length && lines[index].TrimEnd() == "#!meta")
        {
            index++;
            var metaLines = new List<string>();
            while (index < lines.Length && !IsKernelLine(lines[index], declared, out _))
            {
                metaLines.Add(lines[index]);
                index++;
            }

            var metaText = string.Join("\n", metaLines).Trim();
            if (metaText.Length > 0)
            {
                try
                {
                    notebook.Metadata["polyglot_notebook"] = JsonNode.Parse(metaText, JupyterJson.NodeOptions, JupyterJson.DocumentOptions);
                }
                catch (JsonException ex)
                {
                    throw new NotebookFormatException($"The #!meta section of the .dib file is not valid JSON: {ex.Message}", ex);
                }
            }

            foreach (var (name, aliases) in notebook.DeclaredKernels())
            {
                declared[name] = name;
                foreach (var alias in aliases)
                {
                    declared[alias] = name;
                }
            }
        }

        var currentKernel = notebook.DefaultKernelName;
        var current = new List<string>();
        for (; index < lines.Length; index++)
        {
            if (IsKernelLine(lines[index], declared, out var kernel))
            {
                AddCell(notebook, currentKernel, current);
                currentKernel = kernel;
                current.Clear();
            }
            else
            {
                current.Add(lines[index]);
            }
        }

        AddCell(notebook, currentKernel, current);

        // So an executed copy written as .ipynb is recognised by Jupyter and GitHub. Not written back to .dib
        // (only polyglot_notebook is).
        notebook.SetJupyterCSharpMetadata();
        return notebook;
    }

    private static bool IsKernelLine(string line, Dictionary<string, string> declared, out string kernel)
    {
        kernel = string.Empty;
        if (!line.StartsWith("#!", StringComparison.Ordinal))
        {
            return false;
        }

        var name = line[2..].TrimEnd();
        if (declared.TryGetValue(name, out var declaredName))
        {
            kernel = KernelNames.IsKnown(declaredName) ? KernelNames.Normalize(declaredName) : declaredName;
            return true;
        }

        if (KernelNames.IsKnown(name))
        {
            kernel = KernelNames.Normalize(name);
            return true;
        }

        return false;
    }

    private static void AddCell(Notebook notebook, string kernel, List<string> lines)
    {
        var cellLines = TrimBlankLines(lines);
        if (cellLines.Count == 0)
        {
            return;
        }

        var source = string.Join("\n", cellLines);
        notebook.Cells.Add(kernel == KernelNames.Markdown
            ? NotebookCell.CreateMarkdown(source)
            : NotebookCell.CreateCode(source, kernel));
    }

    /// <summary>The lines without leading and trailing blank lines: a cell's text in a .dib file (read and written).</summary>
    internal static IReadOnlyList<string> TrimBlankLines(IReadOnlyList<string> lines)
    {
        var start = 0;
        var end = lines.Count;
        while (start < end && lines[start].Trim().Length == 0)
        {
            start++;
        }

        while (end > start && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        return lines.Skip(start).Take(end - start).ToList();
    }
}
