using System.Text.Json;

namespace Barometer.Cli.Tests;

public class ReproduceCommandTests
{
    [Fact]
    public void Json_has_the_documented_shape_and_the_catalogue_sums()
    {
        var r = CliRunner.Run(null, "reproduce", "--issue", "18", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(18, root.GetProperty("issue").GetInt32());
        Assert.Equal("2020-11-01", root.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2020-12-31", root.GetProperty("period").GetProperty("end").GetString());
        var partners = root.GetProperty("relationships").EnumerateArray()
            .ToDictionary(x => x.GetProperty("partner").GetProperty("name").GetString()!, x => x.GetProperty("index").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Russia"] = 14, ["EU"] = -14, ["China"] = 15, ["US"] = -16, ["Ukraine"] = -4 }, partners);
        var security = root.GetProperty("security");
        Assert.Equal((0, -8, "Yellow", 16), (security.GetProperty("nationalSecurity").GetInt32(),
            security.GetProperty("regionalTension").GetInt32(), security.GetProperty("colour").GetString(), security.GetProperty("events").GetInt32()));
        var usIndex = root.GetProperty("reconciliation").EnumerateArray()
            .Single(x => x.GetProperty("measure").GetString() == "index" && x.GetProperty("partner").GetProperty("code").GetString() == "US");
        Assert.Equal((-14, -16, -2), (usIndex.GetProperty("published").GetInt32(), usIndex.GetProperty("computed").GetInt32(), usIndex.GetProperty("difference").GetInt32()));
        Assert.StartsWith("minsk-barometer-18#", usIndex.GetProperty("source").GetString());
        var colour = root.GetProperty("reconciliation").EnumerateArray().Single(x => x.GetProperty("measure").GetString() == "regional_tension_colour");
        Assert.Equal(JsonValueKind.Null, colour.GetProperty("partner").ValueKind);
        Assert.Equal(JsonValueKind.Null, colour.GetProperty("difference").ValueKind);
    }

    [Fact]
    public void Works_from_a_subfolder_of_the_clone()
    {
        var r = CliRunner.Run(Path.Combine(CliRunner.RepoRoot, "data", "barometer"), "reproduce", "--issue", "18", "--format", "markdown");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("| US | -16 | +6 | -22 | 25 |", r.Stdout);
        Assert.Contains("**mismatch**", r.Stdout);
    }

    [Fact]
    public void Table_output_names_the_findings()
    {
        var r = CliRunner.Run(null, "reproduce", "--issue", "18");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("MISMATCH", r.Stdout);
        Assert.Contains("5 printed value(s) disagree", r.Stdout);
    }

    [Fact]
    public void Every_format_names_the_texts_disagreements_with_the_catalogue()
    {
        var json = CliRunner.Run(null, "reproduce", "--issue", "18", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var statements = doc.RootElement.GetProperty("textReconciliation").EnumerateArray().ToArray();
        Assert.True(statements.Length > 60);
        var disagreements = statements.Where(s => s.GetProperty("status").GetString() == "disagrees")
            .Select(s => $"{s.GetProperty("eventId").GetString()}: {s.GetProperty("textSays").GetString()} / {s.GetProperty("catalogueSays").GetString()}")
            .ToArray();
        Assert.Equal(6, disagreements.Length);
        Assert.Contains("18-US-16: 15 December / 16 December", disagreements);
        Assert.Contains("18-UA-11: December / 14 November", disagreements);
        var fischer = statements.Single(s => s.GetProperty("eventId").GetString() == "18-US-16");
        Assert.Equal("US", fischer.GetProperty("partner").GetProperty("code").GetString());
        Assert.Equal("minsk-barometer-18#Relationship with the U.S. / Return of the Ambassadors", fischer.GetProperty("text").GetProperty("source").GetString());
        Assert.Equal("The U.S. Senate confirms Julie Fischer as ambassador to Belarus", fischer.GetProperty("catalogue").GetProperty("asPrinted").GetString());
        var security = statements.First(s => s.GetProperty("eventId").GetString()!.Contains("-SEC-", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, security.GetProperty("partner").ValueKind);

        var markdown = CliRunner.Run(null, "reproduce", "--issue", "18", "--format", "markdown");
        Assert.Contains("## The report's text vs its catalogue", markdown.Stdout);
        Assert.Contains("6 disagree with the catalogue.", markdown.Stdout);
        Assert.Contains("| 18-US-16 | date | 15 December | 16 December | On December 15, the U.S. Senate approved", markdown.Stdout);

        var table = CliRunner.Run(null, "reproduce", "--issue", "18");
        Assert.Contains("The report's text vs its catalogue: the statements that disagree", table.Stdout);
        Assert.Contains("18-UA-27", table.Stdout);
        Assert.Contains("more than one (“long term contracts”)", table.Stdout);
        Assert.Contains("6 disagree with the catalogue", table.Stdout);
    }

    [Fact]
    public void Issue_without_catalogue_fails_with_a_message()
    {
        var r = CliRunner.Run(null, "reproduce", "--issue", "20");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no event catalogue", r.Stderr);
    }
}
