using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Benchmarks;

/// <summary>The small notebook the benchmarks run.</summary>
internal static class SampleNotebook
{
    public static Notebook Create()
    {
        var notebook = Notebook.CreatePolyglot();
        notebook.Cells.Add(NotebookCell.CreateMarkdown("# Benchmark notebook"));
        var parameters = NotebookCell.CreateCode("var Flip = 0.1;\nint Count = 20;");
        parameters.AddTag(NotebookCell.ParametersTag);
        notebook.Cells.Add(parameters);
        notebook.Cells.Add(NotebookCell.CreateCode("record Row(string Name, double Value);\nvar rows = Enumerable.Range(1, Count).Select(i => new Row($\"row {i}\", i * Flip)).ToList();"));
        notebook.Cells.Add(NotebookCell.CreateCode("Console.WriteLine($\"{rows.Count} rows, total {rows.Sum(r => r.Value):0.00}\");"));
        notebook.Cells.Add(NotebookCell.CreateCode("display(rows.Take(5));\nrows.Where(r => r.Value > 1).Select(r => r.Name).First()"));
        notebook.Cells.Add(NotebookCell.CreateCode("rows"));
        return notebook;
    }
}
