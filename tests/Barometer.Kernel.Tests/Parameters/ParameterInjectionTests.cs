using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Parameters;
using static Barometer.Kernel.Tests.Support.Notebooks;

namespace Barometer.Kernel.Tests.Parameters;

public class ParameterInjectionTests
{
    private const string Defaults = """
        var Flip = 0.1;
        string Scenario = "x.yaml";
        int Runs = 3;
        var Verbose = false;
        long Big = 1L;
        decimal Price = 1.5m;
        DateOnly Day = new DateOnly(2024, 1, 1);
        var When = DateTime.Parse("2024-01-01");
        string? Label = null;
        int? Limit = 5;
        TimeSpan Window = TimeSpan.FromMinutes(1);
        """;

    private static KeyValuePair<string, string> P(string name, string value) => new(name, value);

    [Fact]
    public void Parser_finds_declared_types_explicit_and_inferred()
    {
        var declarations = ParametersCellParser.Parse("#!csharp\n" + Defaults).ToDictionary(d => d.Name);

        Assert.Equal(ParameterKind.Double, declarations["Flip"].Kind);
        Assert.Equal(ParameterKind.String, declarations["Scenario"].Kind);
        Assert.Equal(ParameterKind.Int32, declarations["Runs"].Kind);
        Assert.Equal(ParameterKind.Boolean, declarations["Verbose"].Kind);
        Assert.Equal(ParameterKind.Int64, declarations["Big"].Kind);
        Assert.Equal(ParameterKind.Decimal, declarations["Price"].Kind);
        Assert.Equal(ParameterKind.DateOnly, declarations["Day"].Kind);
        Assert.Equal(ParameterKind.DateTime, declarations["When"].Kind);
        Assert.Equal((ParameterKind.String, true), (declarations["Label"].Kind!.Value, declarations["Label"].IsNullable));
        Assert.Equal((ParameterKind.Int32, true), (declarations["Limit"].Kind!.Value, declarations["Limit"].IsNullable));
        Assert.Equal(ParameterKind.TimeSpan, declarations["Window"].Kind);
    }

    [Fact]
    public async Task Injected_values_are_typed_escaped_literals_that_later_cells_see()
    {
        var notebook = Create(Markdown("# T"), Code(Defaults, NotebookCell.ParametersTag), Code("$\"{Flip:R}|{Scenario}|{Runs + 1}|{Verbose}|{Big}|{Price}|{Day:yyyy-MM-dd}|{When:o}|{Label ?? \"(null)\"}|{Limit?.ToString() ?? \"(null)\"}|{Window}\""));
        var tricky = "he said \"hi\"\n\\path\t{0}";

        var result = ParameterInjector.Inject(notebook, [
            P("Flip", "0.25"), P("Scenario", tricky), P("Runs", "7"), P("Verbose", "True"), P("Big", "9000000000"),
            P("Price", "2.50"), P("Day", "2024-03-01"), P("When", "2024-03-01T10:30:00Z"), P("Label", "null"), P("Limit", "null"), P("Window", "00:30:00"),
        ]);

        Assert.Equal(2, result.InjectedCellIndex);
        Assert.Empty(result.Warnings);
        var injected = notebook.Cells[2];
        Assert.True(injected.HasTag(NotebookCell.InjectedParametersTag));
        Assert.Equal("csharp", injected.KernelName);
        Assert.Contains("double Flip = 0.25d;", injected.Source, StringComparison.Ordinal);
        Assert.Contains("string Scenario = \"he said \\\"hi\\\"\\n\\\\path\\t{0}\";", injected.Source, StringComparison.Ordinal);
        Assert.Contains("long Big = 9000000000L;", injected.Source, StringComparison.Ordinal);
        Assert.Contains("string? Label = null;", injected.Source, StringComparison.Ordinal);

        using var session = new ScriptSession();
        CellExecutionResult? last = null;
        foreach (var cell in notebook.Cells.Where(c => c.CellType == CellType.Code))
        {
            last = await session.ExecuteAsync(cell.Source);
            Assert.True(last.Succeeded, last.Error?.EValue);
        }

        Assert.Equal($"0.25|{tricky}|8|True|9000000000|2.50|2024-03-01|2024-03-01T10:30:00.0000000Z|(null)|(null)|00:30:00", last!.ReturnValue);
        var recorded = notebook.Metadata["notebook_runner"]!["parameters"]!;
        Assert.Equal(0.25, recorded["Flip"]!.GetValue<double>());
        Assert.Equal(tricky, recorded["Scenario"]!.GetValue<string>());
        Assert.True(recorded["Verbose"]!.GetValue<bool>());
        Assert.Null(recorded["Label"]);
    }

    [Fact]
    public void Re_running_replaces_the_injected_cell()
    {
        var notebook = Create(Code("var A = 1;", NotebookCell.ParametersTag), Code("A"));

        ParameterInjector.Inject(notebook, [P("A", "2")]);
        var injectedId = notebook.Cells[1].Id;
        ParameterInjector.Inject(notebook, [P("A", "3")]);

        Assert.Equal(3, notebook.Cells.Count);
        var injected = Assert.Single(notebook.Cells, c => c.HasTag(NotebookCell.InjectedParametersTag));
        Assert.Same(injected, notebook.Cells[1]);
        Assert.Equal(injectedId, injected.Id);
        Assert.Contains("int A = 3;", injected.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("int A = 2;", injected.Source, StringComparison.Ordinal);
        Assert.Equal(3, notebook.Metadata["notebook_runner"]!["parameters"]!["A"]!.GetValue<int>());
    }

    [Fact]
    public void Undeclared_names_are_injected_with_an_inferred_type_and_a_warning()
    {
        var notebook = Create(Code("var A = 1;", NotebookCell.ParametersTag));

        var result = ParameterInjector.Inject(notebook, [P("Extra", "3"), P("Ratio", "0.5"), P("On", "false"), P("Name", "abc"), P("A", "4")]);

        var source = notebook.Cells[1].Source;
        Assert.Contains("// warning: Parameter 'Extra' is not declared in the parameters cell; injected as int", source, StringComparison.Ordinal);
        Assert.Contains("int Extra = 3;", source, StringComparison.Ordinal);
        Assert.Contains("double Ratio = 0.5d;", source, StringComparison.Ordinal);
        Assert.Contains("bool On = false;", source, StringComparison.Ordinal);
        Assert.Contains("string Name = \"abc\";", source, StringComparison.Ordinal);
        Assert.Contains("int A = 4;", source, StringComparison.Ordinal);
        Assert.Equal(4, result.Warnings.Count);
    }

    [Theory]
    [InlineData("Runs", "abc", "declared as int, but 'abc' is not a valid int")]
    [InlineData("Flip", "0,5", "declared as double, but '0,5' is not a valid double")]
    [InlineData("Verbose", "maybe", "(true or false)")]
    [InlineData("Runs", "null", "not a valid int")]
    public void Values_that_do_not_fit_the_declared_type_are_errors(string name, string value, string expected)
    {
        var notebook = Create(Code(Defaults, NotebookCell.ParametersTag));

        var error = Assert.Throws<ParameterException>(() => ParameterInjector.Inject(notebook, [P(name, value)]));

        Assert.Contains($"Parameter '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_of_unknown_type_and_invalid_names_are_errors()
    {
        var notebook = Create(Code("var Mode = Compute();", NotebookCell.ParametersTag));

        Assert.Contains("Parameter 'Mode' is declared as 'var Mode = Compute()'", Assert.Throws<ParameterException>(() => ParameterInjector.Inject(notebook, [P("Mode", "x")])).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid C# parameter name", Assert.Throws<ParameterException>(() => ParameterInjector.Inject(notebook, [P("bad name", "x")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_parameters_cell_the_injected_cell_goes_first_with_a_warning()
    {
        var notebook = Create(Markdown("# T"), Code("1"));

        var result = ParameterInjector.Inject(notebook, [P("A", "1")]);

        Assert.Equal(0, result.InjectedCellIndex);
        Assert.True(notebook.Cells[0].HasTag(NotebookCell.InjectedParametersTag));
        Assert.Contains(result.Warnings, w => w.Contains("no cell tagged 'parameters'", StringComparison.Ordinal));
    }

    [Fact]
    public void No_values_change_nothing()
    {
        var notebook = Create(Code("var A = 1;", NotebookCell.ParametersTag));

        var result = ParameterInjector.Inject(notebook, []);

        Assert.Null(result.InjectedCellIndex);
        Assert.Single(notebook.Cells);
        Assert.False(notebook.Metadata.ContainsKey("barometer"));
    }
}
