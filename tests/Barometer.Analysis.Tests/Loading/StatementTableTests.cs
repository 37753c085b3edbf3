using Barometer.Analysis.Loading;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Loading;

/// <summary>text_statements.csv and narrative.csv: a row that cannot be compared or placed is an error at its cell.</summary>
public class StatementTableTests
{
    private const string Statements = BarometerDataLoader.TextStatementsFile;
    private const string Narrative = BarometerDataLoader.NarrativeFile;

    // text_statements.csv: id, issue, event_id, attribute, text_value, unit, text_as_printed, reading, source, section
    private static int Line(ScratchData data, string file, string start) =>
        Array.FindIndex(data.Lines(file), l => l.StartsWith(start, StringComparison.Ordinal)) + 1;

    private static DataError ErrorAt(ScratchData data, string file, int line, int field)
    {
        var e = Assert.Single(BarometerDataLoader.TryLoad(data.DataDir).Errors);
        Assert.Equal(ScratchData.Display(file), e.File.Replace('\\', '/'));
        Assert.Equal((line, data.CharacterColumn(file, line, field)), (e.Line, e.Column));
        return e;
    }

    [Fact]
    public void A_statement_about_an_unknown_event()
    {
        using var data = RepoData.Copy();
        var line = Line(data, Statements, "18-TXT-01,");
        data.SetCell(Statements, line, 3, "18-RU-99");
        Assert.Contains("no catalogue event '18-RU-99'", ErrorAt(data, Statements, line, 3).Message);
    }

    [Fact]
    public void A_date_outside_the_period_or_not_a_date()
    {
        using var data = RepoData.Copy();
        var line = Line(data, Statements, "18-TXT-01,");
        data.SetCell(Statements, line, 5, "15 March");
        Assert.Contains("outside the issue's period", ErrorAt(data, Statements, line, 5).Message);
        data.SetCell(Statements, line, 5, "the last week of the year");
        Assert.Contains("is not a recognised date", ErrorAt(data, Statements, line, 5).Message);
    }

    [Fact]
    public void An_amount_whose_unit_the_printed_row_does_not_mention()
    {
        using var data = RepoData.Copy();
        var line = Line(data, Statements, "18-TXT-57,"); // three vessels
        data.SetCell(Statements, line, 6, "barge");
        Assert.Contains("does not mention 'barge'", ErrorAt(data, Statements, line, 6).Message);
        data.SetCell(Statements, line, 6, "");
        Assert.Contains("an amount names what it counts", ErrorAt(data, Statements, line, 6).Message);
    }

    [Fact]
    public void Quoted_words_about_a_row_that_quotes_nothing()
    {
        using var data = RepoData.Copy();
        var line = Line(data, Statements, "18-TXT-13,"); // "very sensitive and serious"
        data.SetCell(Statements, line, 3, "18-EU-05");
        Assert.Contains("quotes no words to compare with", ErrorAt(data, Statements, line, 5).Message);
    }

    [Fact]
    public void An_attribute_outside_the_vocabulary_is_the_schemas_error()
    {
        using var data = RepoData.Copy();
        var line = Line(data, Statements, "18-TXT-01,");
        data.SetCell(Statements, line, 4, "colour");
        Assert.Contains("is not one of the allowed values (date, amount, quoted_words)", ErrorAt(data, Statements, line, 4).Message);
    }

    [Fact]
    public void Narrative_about_an_unknown_subject()
    {
        using var data = RepoData.Copy();
        data.SetCell(Narrative, 2, 2, "JP");
        Assert.Contains("'JP' is neither a partner code of partners.csv", ErrorAt(data, Narrative, 2, 2).Message);
    }

    [Fact]
    public void Narrative_statements_of_one_kind_are_numbered_once()
    {
        using var data = RepoData.Copy();
        var line = Line(data, Narrative, "18,RU,trend,2,");
        data.SetCell(Narrative, line, 4, "1");
        Assert.Contains("duplicate primary key (issue, subject, kind, n) = (18 | RU | trend | 1)", ErrorAt(data, Narrative, line, 1).Message);
    }
}
