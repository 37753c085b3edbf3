using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Tests.Support;

/// <summary>Builds small C# Polyglot notebooks for tests.</summary>
internal static class Notebooks
{
    public static Notebook Create(params NotebookCell[] cells)
    {
        var notebook = Notebook.CreatePolyglot();
        notebook.NbFormatMinor = 2;
        notebook.Cells.AddRange(cells);
        return notebook;
    }

    public static NotebookCell Code(string source, params string[] tags)
    {
        var cell = NotebookCell.CreateCode(source);
        foreach (var tag in tags)
        {
            cell.AddTag(tag);
        }

        return cell;
    }

    public static NotebookCell Markdown(string source) => NotebookCell.CreateMarkdown(source);

    public static string Save(TempDirectory directory, string name, Notebook notebook)
    {
        var path = directory.File(name);
        File.WriteAllText(path, NotebookFile.Serialize(notebook, NotebookFile.FormatOf(path)));
        return path;
    }
}
