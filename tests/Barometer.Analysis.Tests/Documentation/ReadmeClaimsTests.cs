using System.Globalization;
using System.Text.RegularExpressions;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Documentation;

/// <summary>
/// The numbers the READMEs state about the data, recomputed from the data: row and column counts, how often the
/// report's text contradicts its catalogue and where, which printed values disagree, the range of the printed scores,
/// the derived checks. A change to the data that makes a sentence false fails here, naming the sentence.
/// </summary>
public partial class ReadmeClaimsTests
{
    private static readonly string Root = Path.GetDirectoryName(RepoData.Directory)!;

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
    };

    /// <summary>A README as one line of text, the typographic minus as '-', runs of spaces and line breaks as one space.</summary>
    private static string Flat(string relativePath) =>
        Spaces().Replace(File.ReadAllText(Path.Combine(Root, relativePath)).Replace('−', '-'), " ");

    private static string[] Lines(string relativePath) => File.ReadAllLines(Path.Combine(Root, relativePath));

    private static int Number(string text) =>
        NumberWords.TryGetValue(text, out var n) ? n : int.Parse(text, CultureInfo.InvariantCulture);

    private static Match Claim(string text, Regex pattern)
    {
        var m = pattern.Match(text);
        Assert.True(m.Success, $"the README no longer says /{pattern}/: update this test with the sentence");
        return m;
    }

    /// <summary>The table that starts at the first line after <paramref name="after"/> that begins with '|': its body rows' cells.</summary>
    private static List<string[]> TableAfter(string[] lines, string after)
    {
        var start = Array.FindIndex(lines, l => l.Contains(after, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no line says '{after}'");
        var header = Array.FindIndex(lines, start, l => l.StartsWith('|'));
        return lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim().Replace('−', '-')).ToArray()).ToList();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"`relationship_events\.csv`, (\d+) events\) and Appendix 2 \(`security_events\.csv`, (\d+) events\)")]
    private static partial Regex CatalogueCounts();

    [GeneratedRegex(@"contradicts its own catalogue (\w+) times \(`data/barometer/text_statements\.csv` records (\d+) statements")]
    private static partial Regex TextContradictions();

    [GeneratedRegex(@"run from (-?\d+) to \+?(-?\d+) in the relationship catalogues \(one (-?\d+), one \+?(-?\d+), everything else (-?\d+) … \+?(-?\d+)\) and from (-?\d+) to \+?(-?\d+) in the security catalogue")]
    private static partial Regex PrintedScoreRange();

    [GeneratedRegex(@"the catalogues use (-?\d+) … \+?(-?\d+)")]
    private static partial Regex MethodScoreRange();

    [GeneratedRegex(@"Current results: all (\w+) agree")]
    private static partial Regex DerivedChecksAgree();

    [GeneratedRegex(@"(\d+) articles; (\w+) are cited by no row")]
    private static partial Regex ArticlesCited();

    [GeneratedRegex(@"^`(id,[a-z_,]+)`$")]
    private static partial Regex ColumnList();

    [GeneratedRegex(@"\((\d+) columns\.\)")]
    private static partial Regex ColumnCount();

    [Fact]
    public void Root_readme_counts_the_catalogue_rows()
    {
        var m = Claim(Flat("README.md"), CatalogueCounts());
        Assert.Equal(RepoData.Dataset.RelationshipEvents.Count(e => e.Issue == 18), int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(RepoData.Dataset.SecurityEvents.Count(e => e.Issue == 18), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Root_readme_lists_the_texts_contradictions_that_reproduce_finds()
    {
        var r = IssueReproduction.Reproduce(RepoData.Dataset, 18);
        var disagreements = r.TextDisagreements.ToArray();
        var m = Claim(Flat("README.md"), TextContradictions());
        Assert.Equal(disagreements.Length, Number(m.Groups[1].Value));
        Assert.Equal(r.TextReconciliation.Count, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

        var table = TableAfter(Lines("README.md"), "contradicts its own catalogue");
        Assert.Equal(disagreements.Select(d => d.EventId).Order(StringComparer.Ordinal), table.Select(row => row[0]).Order(StringComparer.Ordinal));
        // a date the catalogue prints is quoted as printed
        foreach (var d in disagreements.Where(d => d.Statement.Attribute == TextAttributes.Date))
        {
            Assert.Equal(d.CatalogueSays, table.Single(row => row[0] == d.EventId)[2]);
        }
    }

    [Fact]
    public void Root_readme_names_the_printed_values_that_disagree_with_their_catalogues()
    {
        var r = IssueReproduction.Reproduce(RepoData.Dataset, 18);
        var table = TableAfter(Lines("README.md"), "What the reproduction finds in issue 18");
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["US"] = "U.S.", ["RU"] = "Russia", ["EU"] = "EU", ["CN"] = "China", ["UA"] = "Ukraine" };
        var mismatched = r.Mismatches.Select(x => x.Partner?.Code).OfType<string>().Distinct().Select(c => names[c]).Order(StringComparer.Ordinal);
        Assert.Equal(mismatched, table.Select(row => row[0].Split(' ')[0]).Order(StringComparer.Ordinal));
        foreach (var row in table)
        {
            var partner = names.Single(n => row[0].StartsWith(n.Value + " ", StringComparison.Ordinal)).Key;
            // every printed value the row names is a mismatch's published value, and every computed value it gives one of the mismatches'
            var rows = r.Mismatches.Where(x => x.Partner?.Code == partner).ToArray();
            Assert.All(Regex.Matches(row[0], @"[-+]?\d+").Select(n => n.Value.TrimStart('+')), v => Assert.Contains(rows, x => x.Published == v));
            var computed = Regex.Matches(row[2].Split('(')[0], @"[-+]?\d+").Select(n => n.Value.TrimStart('+')).ToArray();
            Assert.All(computed, v => Assert.Contains(rows, x => x.Computed == v));
            var events = Regex.Match(row[2], @"\((\d+) events\)");
            if (events.Success)
            {
                Assert.Equal(r.Indices.For(partner).Events, int.Parse(events.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void The_printed_score_range_is_the_catalogues()
    {
        var scores = RepoData.Dataset.RelationshipEvents.Where(e => e.Issue == 18).Select(e => e.Score).ToArray();
        var security = RepoData.Dataset.SecurityEvents.Where(e => e.Issue == 18)
            .SelectMany(e => new[] { e.NationalSecurity, e.RegionalTension }).ToArray();
        var m = Claim(Flat("data/README.md"), PrintedScoreRange());
        int G(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        Assert.Equal((scores.Min(), scores.Max()), (G(1), G(2)));
        Assert.Single(scores, G(3));
        Assert.Single(scores, G(4));
        var rest = scores.Where(s => s != G(3) && s != G(4)).ToArray();
        Assert.Equal((rest.Min(), rest.Max()), (G(5), G(6)));
        Assert.Equal((security.Min(), security.Max()), (G(7), G(8)));

        var method = Claim(Flat("README.md"), MethodScoreRange());
        Assert.Equal((scores.Min(), scores.Max()), (int.Parse(method.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(method.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void External_readme_counts_the_rows_of_each_table()
    {
        var table = TableAfter(Lines("data/external/README.md"), "The folder has one table per domain");
        Assert.Equal(7, table.Count);
        foreach (var row in table)
        {
            var file = row[0].Trim('`');
            var rows = File.ReadAllLines(Path.Combine(RepoData.Directory, "external", file)).Skip(1).Count(l => l.Length > 0);
            Assert.True(rows == int.Parse(row[2], CultureInfo.InvariantCulture), $"data/external/README.md says {file} has {row[2]} rows; it has {rows}");
        }
    }

    [Fact]
    public void External_readme_lists_the_common_columns_as_the_files_have_them()
    {
        var lines = Lines("data/external/README.md");
        var list = lines.Select(l => ColumnList().Match(l)).Single(m => m.Success).Groups[1].Value;
        var count = Claim(string.Join(' ', lines), ColumnCount());
        Assert.Equal(list.Split(',').Length, int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(MeasurementTables.CommonColumns, list.Split(','));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoData.Directory, "external"), "*.csv").Where(f => !f.EndsWith("derived_checks.csv", StringComparison.Ordinal)))
        {
            Assert.Equal(list, File.ReadLines(file).First());
        }
    }

    [Fact]
    public void External_readme_counts_the_articles_cited_and_the_derived_checks()
    {
        var text = Flat("data/external/README.md");
        var articles = Claim(text, ArticlesCited());
        var cited = RepoData.Dataset.Sources.Count(s => s.Publisher == "Belarus Digest");
        Assert.Equal(cited, int.Parse(articles.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(15 - cited, Number(articles.Groups[2].Value)); // the copy holds 15 articles (its row says so)

        var results = DerivedChecks.Run(MeasurementTables.Load(RepoData.Directory), DerivedChecks.Load(RepoData.Directory));
        var agree = Claim(text, DerivedChecksAgree());
        Assert.Equal(results.Count, Number(agree.Groups[1].Value));
        Assert.All(results, c => Assert.Equal(CheckStatus.Agrees, c.Status));
    }
}
