using Barometer.Analysis.Loading;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Loading;

/// <summary>Labels are short paraphrases of the catalogue rows, but every word of a label is one the row prints.</summary>
public class LabelCheckTests
{
    private const string Klaipeda = "Belarus suspends deliveries of oil products through the seaport of Klaipeda in Lithuania";
    private const string Board = "Board meeting of education agencies";

    [Fact]
    public void A_word_the_row_does_not_print_is_found()
    {
        Assert.Equal(["shipments", "port", "halted"], LabelCheck.WordsNotInPrinted("Oil product shipments via Klaipeda port halted", Klaipeda));
        Assert.Equal(["joint"], LabelCheck.WordsNotInPrinted("Joint board meeting of education agencies", Board));
    }

    [Theory]
    [InlineData("Belarus suspends oil product deliveries through the seaport of Klaipeda", Klaipeda)] // reordered, shortened
    [InlineData("Belarus suspended deliveries via Klaipeda", Klaipeda)]                               // another form of a word
    [InlineData("Board meeting of education agencies", Board)]
    [InlineData("First unit of the nuclear power plant connected to the grid", "Connection of the first unit of the Belarusian nuclear power plant to the national grid")]
    [InlineData("US–Poland defence agreement ratified", "Ratification of the Enhanced Defense Cooperation Agreement between the United States and Poland")]
    [InlineData("Heads of U.S. missions meet Makiej", "Heads of the EU Delegation and diplomatic missions of the EU member states, as well as the UK, Switzerland and the U.S. meet with Foreign Minister Makiej")]
    public void An_honest_paraphrase_passes(string label, string printed) =>
        Assert.Empty(LabelCheck.WordsNotInPrinted(label, printed));

    [Fact]
    public void An_abbreviation_needs_every_word_it_stands_for()
    {
        Assert.Empty(LabelCheck.WordsNotInPrinted("UN vote on Crimea", "Belarus votes against the resolution of the United Nations on Crimea"));
        Assert.Equal(["un"], LabelCheck.WordsNotInPrinted("UN vote on Crimea", "Belarus votes against the resolution of the United States on Crimea"));
    }

    [Fact]
    public void Small_words_may_be_added_but_numbers_must_be_printed()
    {
        Assert.Empty(LabelCheck.WordsNotInPrinted("The 15 exercises of Russia", "15 exercises of Russia"));
        Assert.Equal(["16"], LabelCheck.WordsNotInPrinted("16 exercises of Russia", "15 exercises of Russia"));
    }

    [Fact]
    public void The_loader_reports_a_wrong_word_at_the_label_cell()
    {
        using var data = RepoData.Copy();
        const string file = BarometerDataLoader.RelationshipEventsFile;
        var line = Array.FindIndex(data.Lines(file), l => l.StartsWith("18-RU-10,", StringComparison.Ordinal)) + 1;
        data.SetCell(file, line, 5, "Joint board meeting of education agencies");
        var e = Assert.Single(BarometerDataLoader.TryLoad(data.DataDir).Errors);
        Assert.Equal((line, data.CharacterColumn(file, line, 5)), (e.Line, e.Column));
        Assert.StartsWith("label: 'joint' not in the event as printed (\"Board meeting of education agencies\")", e.Message);
    }

    [Fact]
    public void Every_shipped_label_uses_its_rows_words()
    {
        var d = RepoData.Dataset;
        Assert.All(d.RelationshipEvents, e => Assert.Empty(LabelCheck.WordsNotInPrinted(e.Label, e.AsPrinted!)));
        Assert.All(d.SecurityEvents, e => Assert.Empty(LabelCheck.WordsNotInPrinted(e.Label, e.AsPrinted!)));
        Assert.Equal("Belarus suspends oil product deliveries through the seaport of Klaipeda",
            d.RelationshipEvents.Single(e => e.Id == "18-EU-07").Label);
        Assert.Equal("Board meeting of education agencies", d.RelationshipEvents.Single(e => e.Id == "18-RU-10").Label);
    }
}
