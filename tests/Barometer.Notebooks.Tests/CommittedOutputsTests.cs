using Barometer.Kernel.Documents;

namespace Barometer.Notebooks.Tests;

public class CommittedOutputsTests
{
    private const string Root = "/repo/root";

    private static Notebook With(params CellOutput[] outputs)
    {
        var notebook = Notebook.CreatePolyglot();
        var cell = NotebookCell.CreateCode("x");
        cell.Id = "c1";
        cell.Outputs.AddRange(outputs);
        notebook.Cells.Add(cell);
        return notebook;
    }

    private static CellOutput Chart(string id, string png, string json) => CellOutput.DisplayData(new MimeBundle
    {
        ["application/vnd.plotly.v1+json"] = json,
        ["text/html"] = $"<div id=\"plotly-chart-{id}\"></div>",
        ["image/png"] = png,
        ["text/plain"] = "Plotly chart",
    });

    [Fact]
    public void A_build_of_the_project_a_cell_loads_does_not_count_but_other_text_does()
    {
        var committed = With(CellOutput.Stream("stdout", "12\n"));
        var built = With(CellOutput.Stream("stdout", "Building Barometer.Analysis (../src/Barometer.Analysis/Barometer.Analysis.csproj)…\nBuilt Barometer.Analysis in 4.2 s.\n"), CellOutput.Stream("stdout", "12\n"));
        var other = With(CellOutput.Stream("stdout", "Building bridges\n"), CellOutput.Stream("stdout", "12\n"));

        Assert.Empty(CommittedOutputs.Differences(committed, built, Root));
        Assert.NotEmpty(CommittedOutputs.Differences(committed, other, Root));
    }

    [Fact]
    public void Timings_paths_image_bytes_and_json_layout_do_not_count()
    {
        var committed = With(CellOutput.Stream("stdout", "took 1.2 s in /repo/root/data\n"), Chart("aaaaaaaaaaaa", "AAAA", "{\"a\": 1, \"b\": 2}"));
        var fresh = With(CellOutput.Stream("stdout", "took 35 ms in /repo/root/data\n"), Chart("aaaaaaaaaaaa", "BBBB", "{\"b\":2,\"a\":1}"));
        Assert.Empty(CommittedOutputs.Differences(committed, fresh, Root));
    }

    [Fact]
    public void Chart_element_ids_are_compared_unmasked_because_they_are_derived_from_the_figure()
    {
        var committed = With(Chart("aaaaaaaaaaaa", "AAAA", "{\"a\": 1}"));
        var fresh = With(Chart("bbbbbbbbbbbb", "AAAA", "{\"a\": 1}"));
        Assert.Contains("text/html differs", Assert.Single(CommittedOutputs.Differences(committed, fresh, Root)));
    }

    [Fact]
    public void A_changed_number_a_missing_image_or_another_output_is_reported()
    {
        var committed = With(CellOutput.Stream("stdout", "index 14\n"), Chart("aaaaaaaaaaaa", "AAAA", "{\"y\": [1]}"));
        Assert.Contains("stdout text differs", Assert.Single(CommittedOutputs.Differences(committed,
            With(CellOutput.Stream("stdout", "index 15\n"), Chart("aaaaaaaaaaaa", "AAAA", "{\"y\": [1]}")), Root)));
        Assert.Contains("application/vnd.plotly.v1+json differs", Assert.Single(CommittedOutputs.Differences(committed,
            With(CellOutput.Stream("stdout", "index 14\n"), Chart("aaaaaaaaaaaa", "AAAA", "{\"y\": [2]}")), Root)));
        var noImage = CellOutput.DisplayData(new MimeBundle { ["text/plain"] = "Plotly chart" });
        Assert.NotEmpty(CommittedOutputs.Differences(committed, With(CellOutput.Stream("stdout", "index 14\n"), noImage), Root));
        Assert.Contains("1 outputs in a fresh run, 2 committed",
            Assert.Single(CommittedOutputs.Differences(committed, With(CellOutput.Stream("stdout", "index 14\n")), Root)));
    }
}
