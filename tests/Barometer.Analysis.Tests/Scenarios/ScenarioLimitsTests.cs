using System.Text;
using Barometer.Analysis.Scenarios;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Tests.Scenarios;

/// <summary>
/// Any scenario file is read in bounded time and memory, and its errors sit where the problem is: the cases of the
/// bad-input audit (issue 12, items 1 and 9).
/// </summary>
public class ScenarioLimitsTests
{
    private const string File = "scenarios/hostile.yaml";

    /// <summary>Nine levels of anchors, each a list of ten aliases of the one before: 10^9 values once expanded, in 1.4 KB.</summary>
    private static string AliasBomb(bool aliasAsKey)
    {
        var yaml = new StringBuilder("name: alias bomb\nissue: 18\nchanges:\n  - remove: &l0 [18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01]\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"  - remove: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        }

        if (aliasAsKey)
        {
            yaml.Append("  - *l9 : 1\n");
        }

        return yaml.ToString();
    }

    [Fact]
    public void Aliases_that_expand_beyond_the_bound_are_refused_where_they_pass_it()
    {
        var yaml = AliasBomb(aliasAsKey: false);
        Assert.InRange(yaml.Length, 500, 1500);
        var read = ScenarioReader.Parse(yaml, File);
        var error = Assert.Single(read.Errors);
        // Level 3 holds 10^4 values; the bound (10,000) is passed by its last alias, on line 7.
        Assert.Equal(7, error.Line);
        Assert.Equal(File, error.File);
        Assert.Contains("aliases expand this file to more than 10,000 values", error.Message);
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void An_alias_as_a_mapping_key_is_refused_at_the_alias()
    {
        var read = ScenarioReader.Parse("name: key\nissue: 18\nchanges:\n  - remove: &id 18-EU-01\n  - *id : 1\n", File);
        var error = Assert.Single(read.Errors);
        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.Contains("alias *id is used as a mapping key", error.Message);
    }

    [Fact]
    public void The_audit_file_with_nine_levels_and_an_alias_key_is_refused_quickly()
    {
        var read = ScenarioReader.Parse(AliasBomb(aliasAsKey: true), File);
        Assert.False(read.Ok);
        Assert.Contains(read.Errors, e => e.Message.Contains("aliases expand", StringComparison.Ordinal));
    }

    [Fact]
    public void Small_aliases_still_work()
    {
        var read = ScenarioReader.Parse("name: reuse\nissue: 18\nchanges:\n  - remove: &ids [18-EU-01, 18-EU-02]\n  - remove: *ids\n", File);
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        Assert.Equal(4, read.Scenario!.Changes.Count);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_is_built()
    {
        var yaml = "name: deep\nissue: 18\nchanges: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var error = Assert.Single(ScenarioReader.Parse(yaml, File).Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("nest more than 32 deep", error.Message);
    }

    [Fact]
    public void A_ten_megabyte_scenario_is_refused_without_being_parsed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"barometer-big-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var writer = new StreamWriter(path))
            {
                writer.Write("name: big\nissue: 18\nchanges:\n");
                var line = "  - remove: 18-EU-01\n";
                for (var written = 0L; written < 10 * 1024 * 1024; written += line.Length)
                {
                    writer.Write(line);
                }
            }
            var error = Assert.Single(ScenarioReader.Read(path, File).Errors);
            Assert.Equal(new DataError(File, 1, 1, "the scenario file is 10 MiB; scenario files are limited to 1 MiB"), error);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void A_tab_in_the_indentation_is_reported_at_the_tab()
    {
        var read = ScenarioReader.Parse("name: tab\nissue: 18\ndescription: one tab below\nchanges:\n\t- remove: 18-EU-01\n", File);
        var error = Assert.Single(read.Errors);
        Assert.Equal((5, 1), (error.Line, error.Column));
        Assert.Contains("tab", error.Message);
    }

    [Theory]
    [InlineData("name: tab\nissue: 18\nchanges:\n  - remove: 18-EU-01\n\t\t- remove: 18-EU-02\n", 5, 1)]
    [InlineData("name: tab\nissue: 18\nchanges:\n  - remove:\n\t- 18-EU-02\n", 5, 1)]
    [InlineData("name: tab\n\tissue: 18\nchanges: []\n", 2, 1)]
    [InlineData("\tname: tab\nissue: 18\nchanges: []\n", 1, 1)]
    [InlineData("name: tab\nissue: 18\nchanges:\n  - add:\n      partner: EU\n    \tdate: 2020-12-20\n", 6, 5)]
    public void Tabs_in_the_indentation_are_reported_at_the_tab(string yaml, int line, int column)
    {
        var error = Assert.Single(ScenarioReader.Parse(yaml, File).Errors);
        Assert.Equal((line, column, "malformed YAML: a tab in the indentation (YAML indents with spaces only)"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void A_tab_after_spaces_in_a_list_is_reported_at_the_tab()
    {
        var read = ScenarioReader.Parse("name: tab\nissue: 18\nchanges:\n  - remove: 18-EU-01\n  \t- remove: 18-EU-02\n", File);
        var error = Assert.Single(read.Errors);
        Assert.Equal((5, 3), (error.Line, error.Column));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_error_at_their_character()
    {
        var path = Path.Combine(Path.GetTempPath(), $"barometer-latin1-{Guid.NewGuid():N}.yaml");
        try
        {
            // "Minsk – café" in Latin-1: é is the single byte 0xE9.
            var bytes = Encoding.UTF8.GetBytes("name: x\nissue: 18\ndescription: Caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\nchanges: []\n")).ToArray();
            System.IO.File.WriteAllBytes(path, bytes);
            var error = Assert.Single(ScenarioReader.Read(path, File).Errors);
            Assert.Equal((3, 17), (error.Line, error.Column));
            Assert.Contains("not UTF-8", error.Message);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
