using Barometer.Analysis.Loading;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Loading;

public class ShippedDataTests
{
    [Fact]
    public void Shipped_data_validate_without_error()
    {
        var result = BarometerDataLoader.TryLoad(RepoData.Directory);
        Assert.True(result.Ok, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Issue_18_catalogues_are_complete_and_in_printed_order()
    {
        var catalogue = RepoData.Dataset.Catalogue(18);
        var perPartner = catalogue.RelationshipEvents.GroupBy(e => e.PartnerCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["RU"] = 18, ["EU"] = 13, ["CN"] = 15, ["US"] = 25, ["UA"] = 50 }, perPartner);
        Assert.Equal(16, catalogue.SecurityEvents.Count);
        foreach (var group in catalogue.RelationshipEvents.GroupBy(e => e.PartnerCode))
        {
            Assert.Equal(
                group.Select((_, i) => $"18-{group.Key}-{i + 1:00}"),
                group.Select(e => e.Id));
        }

        Assert.Equal("18-US-20", catalogue.RelationshipEvents.Single(e => e.Score == -3 && e.PartnerCode == "US").Id);
    }

    [Fact]
    public void Every_row_cites_a_source()
    {
        var d = RepoData.Dataset;
        Assert.All(d.RelationshipEvents, e => Assert.StartsWith("minsk-barometer-18#Appendix 1 / ", e.Source));
        Assert.All(d.SecurityEvents, e => Assert.StartsWith("minsk-barometer-18#Appendix 2", e.Source));
        Assert.All(d.PublishedValues, v => Assert.Matches(@"^(minsk-barometer-18#|minsk-barometer-[0-9]+(-ru)?$|biss-fpi-[0-9]+$)", v.Source));
    }

    /// <summary>
    /// Corrupting any required cell of any Barometer table (emptying it, or a non-number in a number column) is reported
    /// at exactly that file, line and column.
    /// </summary>
    [Fact]
    public void Any_corrupted_cell_is_reported_at_its_file_line_and_column()
    {
        using var scratch = RepoData.Copy();
        var optional = new HashSet<string> { "note", "min", "max", "partner", "section", "unit", "reading" };
        var checkedCells = 0;
        foreach (var path in Directory.GetFiles(Path.Combine(scratch.DataDir, BarometerDataLoader.Folder), "*.csv"))
        {
            var file = Path.GetFileName(path);
            var original = File.ReadAllLines(path);
            var header = ScratchData.SplitCsvLine(original[0]);
            // a handful of rows per file keeps the test fast while covering every column
            foreach (var line in new[] { 2, original.Length / 2 + 1, original.Length }.Distinct())
            {
                for (var column = 1; column <= header.Count; column++)
                {
                    if (optional.Contains(header[column - 1]))
                    {
                        continue;
                    }

                    scratch.SetCell(file, line, column, "");
                    var at = scratch.CharacterColumn(file, line, column);
                    var errors = BarometerDataLoader.TryLoad(scratch.DataDir).Errors;
                    File.WriteAllLines(path, original);
                    Assert.True(errors.Any(e => e.File.EndsWith(file) && e.Line == line && e.Column == at),
                        $"emptying {file}:{line}:{column} ({header[column - 1]}) was not reported; got: {string.Join("; ", errors)}");
                    checkedCells++;
                }
            }
        }
        Assert.True(checkedCells > 60, $"only {checkedCells} cells checked");
    }
}
