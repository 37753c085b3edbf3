using Barometer.Kernel.Documents;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Documents;

/// <summary>Saving a notebook (through <c>Barometer.IO.AtomicFile</c>, whose own tests are in Barometer.IO.Tests).</summary>
public class NotebookFileTests
{
    [Fact]
    public async Task NotebookFile_save_creates_folders_and_writes_utf8_without_bom()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a/b/n.ipynb");
        var notebook = Notebook.CreatePolyglot();
        notebook.Cells.Add(NotebookCell.CreateMarkdown("é"));

        await NotebookFile.SaveAsync(notebook, path);

        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal("é", (await NotebookFile.LoadAsync(path)).Cells[0].Source);
    }
}
