using Barometer.Analysis.Datasets;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Loading;

/// <summary>sources.csv: every row a full reference, or a field marked "not given" with a note saying why.</summary>
public class SourcesTests
{
    [Fact]
    public void Every_source_is_cited_and_every_citation_has_a_source()
    {
        var cited = RepoData.Dataset.RelationshipEvents.Select(e => e.Source)
            .Concat(RepoData.Dataset.SecurityEvents.Select(e => e.Source))
            .Concat(RepoData.Dataset.PublishedValues.Select(v => v.Source))
            .Concat(RepoData.Dataset.Issues.Select(i => i.Source))
            .Concat(RepoData.Dataset.TextStatements.Select(s => s.Source))
            .Concat(RepoData.Dataset.Narrative.Select(n => n.Source))
            .Concat(MeasurementTables.Load(RepoData.Directory).Select(m => m.Source))
            .Select(SourceDocument.IdOf).ToHashSet();
        Assert.Equal(RepoData.Dataset.Sources.Select(s => s.Id).Order(), cited.Order());
    }

    [Fact]
    public void No_collection_of_our_own_making_one_source_per_article()
    {
        var sources = RepoData.Dataset.Sources;
        Assert.DoesNotContain(sources, s => s.Id == "belarus-digest-2017");
        var articles = sources.Where(s => s.Publisher == "Belarus Digest").ToArray();
        Assert.Equal(13, articles.Length);
        Assert.All(articles, a => Assert.Contains("one of 15 articles", a.Copy));
    }

    [Fact]
    public void A_field_not_given_is_left_out_of_the_citation_and_explained()
    {
        var barometer = RepoData.Dataset.Sources.Single(s => s.Id == "minsk-barometer-18");
        Assert.Equal(SourceDocument.NotGiven, barometer.Date); // the report prints the period it covers, not a date
        Assert.Contains(", n.d., http://minskdialogue.by/en/research/reports/minsk-barometer-18", barometer.Citation);
        var beijing = RepoData.Dataset.Sources.Single(s => s.Id == "lukashenko-beijing-2023");
        // the seed is an unattributed English repost; the citation is the original it translates, whose copy has no byline
        Assert.Equal("“Belarus: Darum reist Lukaschenko wirklich nach Peking”, WELT (welt.de), 2023-02, "
            + "https://www.welt.de/politik/ausland/article244003579/Belarus-Darum-reist-Lukaschenko-wirklich-nach-Peking.html", beijing.Citation);
        Assert.Contains("That's why Lukashenko is really going to Beijing", beijing.Copy);
        // a note that explains a missing field says the document gives "no" date, does "not" give it, or names "none"
        Assert.All(RepoData.Dataset.Sources.Where(s => new[] { s.Author, s.Publisher, s.Date, s.Address }.Any(SourceDocument.IsNotGiven)),
            s => Assert.Matches(@"\b(no|not|none)\b", s.Note));
    }
}
