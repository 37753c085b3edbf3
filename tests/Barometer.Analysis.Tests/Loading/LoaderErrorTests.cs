using Barometer.Analysis.Loading;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Loading;

/// <summary>One test per kind of bad input: each names the file, line and column and says what is wrong.</summary>
public class LoaderErrorTests
{
    private const string Events = BarometerDataLoader.RelationshipEventsFile;

    private static IReadOnlyList<DataError> LoadErrors(ScratchData data)
    {
        var result = BarometerDataLoader.TryLoad(data.DataDir);
        Assert.False(result.Ok);
        Assert.Null(result.Dataset);
        return result.Errors;
    }

    private static DataError Single(IReadOnlyList<DataError> errors, string file)
    {
        var error = Assert.Single(errors);
        Assert.Equal(ScratchData.Display(file), error.File.Replace('\\', '/'));
        return error;
    }

    [Fact]
    public void Score_that_is_not_an_integer()
    {
        using var data = RepoData.Copy();
        data.SetCell(Events, 5, 7, "1.5");
        var e = Single(LoadErrors(data), Events);
        var column = data.CharacterColumn(Events, 5, 7); // the character column where the score cell starts, not the field number
        Assert.True(column > 7);
        Assert.Equal((5, column), (e.Line, e.Column));
        Assert.Contains("'1.5' is not an integer", e.Message);
        Assert.StartsWith($"data/barometer/{Events}:5:{column}: score:", e.ToString().Replace('\\', '/'));
    }

    [Fact]
    public void Unknown_partner()
    {
        using var data = RepoData.Copy();
        data.SetCell(Events, 3, 3, "JP");
        var errors = LoadErrors(data);
        var e = Assert.Single(errors);
        Assert.Equal((3, data.CharacterColumn(Events, 3, 3)), (e.Line, e.Column));
        Assert.Contains("(partner) = (JP) is not in partners.csv (code)", e.Message);
    }

    [Fact]
    public void Date_outside_the_issue_period()
    {
        using var data = RepoData.Copy();
        data.SetCell(Events, 4, 4, "15 March");
        var e = Single(LoadErrors(data), Events);
        Assert.Equal((4, data.CharacterColumn(Events, 4, 4)), (e.Line, e.Column));
        Assert.Contains("outside", e.Message);
    }

    [Fact]
    public void Duplicate_id()
    {
        using var data = RepoData.Copy();
        var lines = data.Lines(Events).ToList();
        lines.Add(lines[1]); // the first event again, at the end
        data.Write(Events, lines);
        var e = Single(LoadErrors(data), Events);
        Assert.Equal((lines.Count, 1), (e.Line, e.Column));
        Assert.Equal("id: '18-RU-01' must be unique (first on line 2)", e.Message); // once, though id is also the primary key
    }

    [Fact]
    public void Missing_column()
    {
        using var data = RepoData.Copy();
        var lines = data.Lines(Events);
        lines[0] = lines[0].Replace(",score,", ",points,");
        data.Write(Events, lines);
        var errors = LoadErrors(data);
        Assert.Equal(2, errors.Count);
        Assert.Equal((1, 1), (errors[0].Line, errors[0].Column)); // a header problem is at 1:1, never column 0
        Assert.Contains("missing column 'score'", errors[0].Message);
        Assert.Equal((1, lines[0].IndexOf("points", StringComparison.Ordinal) + 1), (errors[1].Line, errors[1].Column));
        Assert.Contains("column 'points' is not described", errors[1].Message);
    }

    [Fact]
    public void Empty_required_cell()
    {
        using var data = RepoData.Copy();
        data.SetCell(BarometerDataLoader.SecurityEventsFile, 7, 4, "");
        var e = Single(LoadErrors(data), BarometerDataLoader.SecurityEventsFile);
        Assert.Equal((7, data.CharacterColumn(BarometerDataLoader.SecurityEventsFile, 7, 4)), (e.Line, e.Column));
        Assert.Contains("label: is required but empty", e.Message);
    }

    [Fact]
    public void Id_that_disagrees_with_its_row()
    {
        using var data = RepoData.Copy();
        data.SetCell(Events, 2, 1, "18-EU-01-x");
        data.SetCell(Events, 4, 1, "18-EU-77"); // 18-RU-03: no text statement names it
        var errors = LoadErrors(data);
        Assert.Equal(2, errors.Count);
        Assert.Contains("'18-EU-01-x' does not match the pattern", errors[0].Message);
        Assert.Contains("names 'EU' but the row is for 'RU'", errors[1].Message);
    }

    [Fact]
    public void Ragged_row_and_malformed_quoting()
    {
        using var data = RepoData.Copy();
        var lines = data.Lines(Events);
        lines[9] += ",extra";
        lines[10] = lines[10].Replace(",1,", ",\"1\"x,");
        data.Write(Events, lines);
        var errors = LoadErrors(data);
        Assert.Contains(errors, e => e.Line == 10 && e.Message.Contains("row has 10 fields, header has 9"));
        Assert.Contains(errors, e => e.Line == 11);
    }

    [Fact]
    public void Every_error_of_a_file_is_collected()
    {
        using var data = RepoData.Copy();
        data.SetCell(Events, 2, 7, "x");
        data.SetCell(Events, 50, 7, "y");
        data.SetCell(BarometerDataLoader.PublishedValuesFile, 3, 5, "lots");
        var errors = LoadErrors(data);
        Assert.Equal(3, errors.Count);
        Assert.Equal([2, 50], errors.Where(e => e.File.EndsWith(Events)).Select(e => e.Line));
    }

    [Fact]
    public void Unknown_colour_in_published_values()
    {
        using var data = RepoData.Copy();
        var lines = data.Lines(BarometerDataLoader.PublishedValuesFile);
        var line = Array.FindIndex(lines, l => l.Contains("regional_tension_colour")) + 1;
        var fields = ScratchData.SplitCsvLine(lines[line - 1]);
        data.SetCell(BarometerDataLoader.PublishedValuesFile, line, 5, "Purple");
        var e = Single(LoadErrors(data), BarometerDataLoader.PublishedValuesFile);
        Assert.Equal((line, data.CharacterColumn(BarometerDataLoader.PublishedValuesFile, line, 5)), (e.Line, e.Column));
        Assert.Contains("value: 'Purple' does not match the pattern", e.Message);
        Assert.NotEqual("Purple", fields[4]);
    }

    [Fact]
    public void Missing_file()
    {
        using var data = RepoData.Copy();
        File.Delete(data.PathOf(BarometerDataLoader.PartnersFile));
        var errors = LoadErrors(data);
        var e = Assert.Single(errors);
        Assert.Equal(("data/datapackage.json", 1, 1), (e.File, e.Line, e.Column));
        Assert.Equal("resource 'barometer_partners': file 'barometer/partners.csv' not found", e.Message);
    }
}
