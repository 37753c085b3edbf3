using System.Text.RegularExpressions;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Loading;

/// <summary>
/// The Barometer tables against the text of the report itself (Minsk Barometer No 18), when a copy of it is at hand:
/// <c>BAROMETER_SEEDS</c> names a folder holding the source documents as text (the report is the file with the
/// running header "№ 18 (November and December 2020)"). The copy is not part of the repository, so without it these
/// tests are skipped; a maintainer with the copy runs them after every change to the catalogues or the report's words.
/// </summary>
public partial class SeedTranscriptionTests
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static string Report()
    {
        var folder = Environment.GetEnvironmentVariable("BAROMETER_SEEDS");
        Skip.If(string.IsNullOrEmpty(folder) || !Directory.Exists(folder), "BAROMETER_SEEDS does not name a folder with the source documents");
        var report = Directory.GetFiles(folder!, "*.txt").Select(File.ReadAllText)
            .FirstOrDefault(t => t.Contains("№ 18 (November and December 2020)", StringComparison.Ordinal));
        Skip.If(report is null, $"no copy of Minsk Barometer No 18 in {folder}");
        return report!;
    }

    private static string Flat(string text) => Spaces().Replace(text.Replace("**", "", StringComparison.Ordinal), " ");

    /// <summary>The catalogue rows of the appendices, in printed order: (date, event, scores...) per table row.</summary>
    private static List<string[]> Rows(string report, string from, string to)
    {
        var lines = report.Split('\n');
        var start = Array.IndexOf(lines, from);
        var end = Array.FindIndex(lines, start, l => l.StartsWith(to, StringComparison.Ordinal));
        return lines[start..end]
            .Where(l => l.Contains('\t') && !l.StartsWith("Date\t", StringComparison.Ordinal) && !l.StartsWith("<b>", StringComparison.Ordinal))
            .Select(l => l.TrimEnd('\r').Split('\t')).ToList();
    }

    private static int Score(string printed) => int.Parse(printed, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public void Every_catalogue_row_is_transcribed_as_printed_in_printed_order()
    {
        var report = Report();
        var printed = Rows(report, "## Appendix 1", "## Appendix 2");
        var events = RepoData.Dataset.RelationshipEvents.Where(e => e.Issue == 18).ToArray();
        Assert.Equal(printed.Count, events.Length);
        // Appendix 1 prints the partners' catalogues one after another, in the order of partners.csv
        Assert.All(events.Zip(printed), p => Assert.Equal(
            (p.Second[0], p.Second[1].Trim(), Score(p.Second[2])),
            (p.First.Date.Text, p.First.AsPrinted, p.First.Score)));

        var security = Rows(report, "## Appendix 2", "## Appendix 3");
        var rows = RepoData.Dataset.SecurityEvents.Where(e => e.Issue == 18).ToArray();
        Assert.Equal(security.Count, rows.Length);
        Assert.All(rows.Zip(security), p => Assert.Equal(
            (p.Second[0], p.Second[1].Trim(), Score(p.Second[2]), Score(p.Second[3])),
            (p.First.Date.Text, p.First.AsPrinted, p.First.NationalSecurity, p.First.RegionalTension)));
    }

    [SkippableFact]
    public void The_texts_words_and_the_editors_summaries_are_quoted_exactly()
    {
        var report = Flat(Report().Replace("](#)", "", StringComparison.Ordinal).Replace("[", "", StringComparison.Ordinal));
        Assert.All(RepoData.Dataset.TextStatements.Where(s => s.Issue == 18), s => Assert.Contains(Flat(s.TextAsPrinted), report));
        Assert.All(RepoData.Dataset.Narrative.Where(n => n.Issue == 18 && n.Kind == NarrativeKinds.Summary), n => Assert.Contains(Flat(n.Text), report));
    }
}
