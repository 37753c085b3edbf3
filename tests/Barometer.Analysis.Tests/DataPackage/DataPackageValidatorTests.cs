using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.DataPackage;

public class DataPackageValidatorTests
{
    [Fact]
    public void Shipped_data_match_their_descriptor()
    {
        var errors = DataValidation.Validate(RepoData.Directory);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Every_resource_of_the_descriptor_exists_and_every_field_is_documented()
    {
        var descriptor = DataPackageDescriptor.Parse(File.ReadAllText(Path.Combine(RepoData.Directory, DataPackageDescriptor.FileName)));
        Assert.NotEmpty(descriptor.Resources);
        Assert.All(descriptor.Resources, r =>
        {
            Assert.True(File.Exists(Path.Combine(RepoData.Directory, r.Path)), r.Path);
            Assert.All(r.Schema.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{r.Name}.{f.Name} has no description"));
            Assert.Contains(r.Schema.Fields, f => f.Name == "source" || r.Name.Contains("check") || r.Name == "sources");
        });
    }

    [Fact]
    public void One_reader_serves_every_check_of_a_command_with_each_table_read_once()
    {
        var package = new DataPackageReader(RepoData.Directory);
        var descriptor = package.Descriptor!;
        Assert.Same(descriptor, package.Descriptor);
        var events = descriptor.Find("barometer_relationship_events")!;
        var first = package.Table(events);
        Assert.Empty(DataPackageValidator.Validate(package));
        Assert.True(Barometer.Analysis.Loading.BarometerDataLoader.TryLoad(package).Ok);
        Assert.Same(first, package.Table(events)); // the validator and the loader used the table read first
    }

    [Fact]
    public void Provenance_resolves_inside_the_repository()
    {
        // every row cites an id of sources.csv (a foreign key), and every source is a full citation
        var sources = Barometer.Analysis.Datasets.TableRows.Load(RepoData.Directory, "sources");
        Assert.All(sources, s =>
        {
            Assert.NotEqual("", s["title"]);
            Assert.True(s["author"] != "" || s["publisher"] != "" || s["note"] != "", $"{s["id"]}: no author, publisher or note");
            Assert.True(s["date"] != "" || s["address"] != "", $"{s["id"]}: neither date nor address");
        });
        var descriptor = DataPackageDescriptor.Parse(File.ReadAllText(Path.Combine(RepoData.Directory, DataPackageDescriptor.FileName)));
        Assert.All(descriptor.Resources.Where(r => r.Schema.Fields.Any(f => f.Name == "source")), r =>
            Assert.Contains(r.Schema.ForeignKeys, fk => fk.Fields.SequenceEqual(["source"]) && fk.Reference.Resource == "sources"));
        // nothing points at files the repository does not contain
        foreach (var file in Directory.GetFiles(RepoData.Directory, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("seeds/", File.ReadAllText(file));
        }
    }

    private static DataError[] ValidateWith(string file, int line, int column, string value)
    {
        using var data = CopyWithDescriptor();
        data.SetCell(file, line, column, value);
        var errors = DataPackageValidator.Validate(data.DataDir);
        var at = data.CharacterColumn(file, line, column); // where an editor jumps: the character column of the cell
        return errors.Select(e => e.Column == at && e.File.EndsWith(file) ? e with { Column = column } : e with { Column = -1 }).ToArray();
    }

    private static ScratchData CopyWithDescriptor()
    {
        var data = RepoData.Copy();
        // the copy holds only barometer/: describe only what it holds
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(data.DataDir, DataPackageDescriptor.FileName)))!;
        var resources = json["resources"]!.AsArray();
        foreach (var r in resources.Where(r => r!["path"]!.GetValue<string>() is var path && !path.StartsWith("barometer/") && path != "sources.csv").ToArray())
        {
            resources.Remove(r);
        }

        File.WriteAllText(Path.Combine(data.DataDir, DataPackageDescriptor.FileName), json.ToJsonString());
        return data;
    }

    [Theory]
    [InlineData("relationship_events.csv", 2, 7, "two", "score: 'two' is not an integer")]
    [InlineData("relationship_events.csv", 2, 1, "18/RU/01", "does not match the pattern")]
    [InlineData("relationship_events.csv", 3, 3, "XX", "is not in partners.csv")]
    [InlineData("issues.csv", 2, 3, "2018-13-01", "is not a date")]
    [InlineData("issues.csv", 2, 1, "some_series", "is not one of the allowed values")]
    [InlineData("colour_scale.csv", 3, 4, "-6.5", "is not an integer")]
    [InlineData("security_events.csv", 5, 8, "", "source: is required but empty")]
    [InlineData("relationship_events.csv", 4, 7, "999", "score: 999 is above the maximum 5")]
    [InlineData("security_events.csv", 3, 7, "-6", "regional_tension: -6 is below the minimum -5")]
    public void A_bad_cell_is_located(string file, int line, int column, string value, string message)
    {
        var errors = ValidateWith(file, line, column, value);
        Assert.Contains(errors, e => e.File.EndsWith(file) && e.Line == line && e.Column == column && e.Message.Contains(message));
    }

    [Fact]
    public void Duplicate_primary_key_and_undescribed_column_and_table()
    {
        using var data = CopyWithDescriptor();
        var lines = data.Lines("partners.csv").ToList();
        lines.Add(lines[1]);
        data.Write("partners.csv", lines);
        var issues = data.Lines("issues.csv");
        data.Write("issues.csv", issues.Select((l, i) => l + (i == 0 ? ",extra" : ",x")));
        File.WriteAllText(Path.Combine(data.DataDir, "barometer", "stray.csv"), "a,b\n1,2\n");

        var errors = DataPackageValidator.Validate(data.DataDir);
        // the primary key is the one unique field: one report, not one per rule
        var duplicate = Assert.Single(errors, e => e.File.EndsWith("partners.csv"));
        Assert.Equal((lines.Count, 1), (duplicate.Line, duplicate.Column));
        Assert.Contains("'RU' must be unique (first on line 2)", duplicate.Message);
        Assert.Contains(errors, e => e.File.EndsWith("issues.csv") && e.Line == 1 && e.Column == issues[0].Length + 2 && e.Message.Contains("'extra' is not described"));
        Assert.Contains(errors, e => e.File.EndsWith("stray.csv") && e.Message.Contains("not described in datapackage.json"));
    }

    [Fact]
    public void Malformed_descriptor_is_reported_with_its_position()
    {
        using var data = RepoData.Copy();
        File.WriteAllText(Path.Combine(data.DataDir, DataPackageDescriptor.FileName), "{\n  \"resources\": [ oops ]\n}\n");
        var e = Assert.Single(DataPackageValidator.Validate(data.DataDir));
        Assert.EndsWith("datapackage.json", e.File);
        Assert.Equal((2, 18), (e.Line, e.Column)); // 1-based line and character column of 'oops'
        Assert.Contains("invalid descriptor", e.Message);
    }
}
