using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Tests.Documents;

public class DibTests
{
    private const string Dib = """
#!meta

{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"},{"aliases":["f#"],"languageName":"F#","name":"fsharp"}]}}

#!markdown

# Title

Some *text*.

#!csharp

#!time
var x = 1;

x + 1

#!fsharp

let y = 2

#!c#

Console.WriteLine("hi");

""";

    [Fact]
    public void Parses_meta_kernels_and_cells()
    {
        var notebook = DibReader.Parse(Dib);

        Assert.Equal(4, notebook.Cells.Count);
        Assert.Equal(CellType.Markdown, notebook.Cells[0].CellType);
        Assert.Equal("# Title\n\nSome *text*.", notebook.Cells[0].Source);
        Assert.Equal("#!time\nvar x = 1;\n\nx + 1", notebook.Cells[1].Source); // a magic command stays in its cell
        Assert.Equal("csharp", notebook.Cells[1].KernelName);
        Assert.Equal("fsharp", notebook.Cells[2].KernelName);
        Assert.Equal("csharp", notebook.Cells[3].KernelName); // alias c# normalised
        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal(".net-csharp", notebook.Metadata["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Canonical_dib_round_trips_byte_for_byte()
    {
        const string canonical = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n#!markdown\n\n# Title\n\n#!csharp\n\nvar a = \"x\";\n\na\n";

        Assert.Equal(canonical, DibWriter.Serialize(DibReader.Parse(canonical)));
    }

    [Fact]
    public void Round_trip_keeps_cells_and_crlf_line_endings()
    {
        var crlf = Dib.ReplaceLineEndings("\r\n");
        var first = DibReader.Parse(crlf);

        var written = DibWriter.Serialize(first);
        var second = DibReader.Parse(written);

        Assert.Contains("\r\n#!fsharp\r\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\n#!c#", written, StringComparison.Ordinal); // written with the canonical name
        Assert.Equal(first.Cells.Select(c => (c.CellType, c.KernelName, c.Source)), second.Cells.Select(c => (c.CellType, c.KernelName, c.Source)));
    }

    [Fact]
    public void Dib_without_meta_defaults_to_csharp()
    {
        var notebook = DibReader.Parse("var a = 1;\n\n#!markdown\n\ntext\n");

        Assert.Equal(2, notebook.Cells.Count);
        Assert.Equal("var a = 1;", notebook.Cells[0].Source);
        Assert.Equal("csharp", notebook.Cells[0].KernelName);
        Assert.Equal("csharp", notebook.KernelNameOf(notebook.Cells[0]));
    }

    [Fact]
    public void Dib_converted_to_ipynb_is_a_valid_polyglot_notebook()
    {
        var notebook = DibReader.Parse(Dib);
        notebook.EnsureCellIds();

        var roundTripped = IpynbReader.Parse(IpynbWriter.Serialize(notebook));

        Assert.Equal(5, roundTripped.NbFormatMinor);
        Assert.All(roundTripped.Cells, c => Assert.False(string.IsNullOrEmpty(c.Id)));
        Assert.Equal(notebook.Cells.Select(c => c.Source), roundTripped.Cells.Select(c => c.Source));
        Assert.Equal("fsharp", roundTripped.KernelNameOf(roundTripped.Cells[2]));
    }
}
