using Barometer.Analysis.Scenarios;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Scenarios;

/// <summary>Scenario files: the YAML form, and every error located by file, line and column.</summary>
public class ScenarioFileTests
{
    private const string File = "scenarios/test.yaml";

    private static ScenarioOutcome RunYaml(string yaml) =>
        ScenarioEngine.TryRunYaml(RepoData.Dataset, yaml.ReplaceLineEndings("\n"), File);

    private static DataError SingleError(string yaml)
    {
        var outcome = RunYaml(yaml);
        Assert.False(outcome.Ok);
        return Assert.Single(outcome.Errors);
    }

    [Fact]
    public void Reads_every_change_type()
    {
        var read = ScenarioReader.Parse("""
            name: All kinds
            issue: 18
            description: every change
            changes:
              - remove: [18-US-20, 18-SEC-15]
              - remove: 18-EU-10
              - rescore: { id: 18-EU-03, score: -1 }
              - rescore: { id: 18-SEC-08, nationalSecurity: 0 }
              - add: { partner: EU, date: 2020-12-20, label: Hypothetical ministerial visit, score: 2 }
              - add: { security: true, date: 2020-12-20, label: Hypothetical exercise, nationalSecurity: 0, regionalTension: -2 }
              - thresholds:
                  - { colour: White, min: 0 }
                  - { colour: Green, max: -1 }
            """, File);
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        var s = read.Scenario!;
        Assert.Equal(("All kinds", 18, "every change", File), (s.Name, s.Issue, s.Description, s.File));
        Assert.Collection(s.Changes,
            c => Assert.Equal("18-US-20", Assert.IsType<RemoveEvent>(c).Id),
            c => Assert.Equal("18-SEC-15", Assert.IsType<RemoveEvent>(c).Id),
            c => Assert.Equal("18-EU-10", Assert.IsType<RemoveEvent>(c).Id),
            c => Assert.Equal((string?)"18-EU-03", Assert.IsType<RescoreEvent>(c) is { Score: -1, NationalSecurity: null } r ? r.Id : null),
            c => Assert.Equal((0, (int?)null), (Assert.IsType<RescoreEvent>(c).NationalSecurity!.Value, ((RescoreEvent)c).RegionalTension)),
            c => Assert.Equal(("EU", "2020-12-20", "Hypothetical ministerial visit", 2),
                Assert.IsType<AddRelationshipEvent>(c) is var a ? (a.PartnerCode, a.Date, a.Label, a.Score) : default),
            c => Assert.Equal((0, -2), Assert.IsType<AddSecurityEvent>(c) is var a ? (a.NationalSecurity, a.RegionalTension) : default),
            c => Assert.Equal(2, Assert.IsType<ReplaceThresholds>(c).Bands.Count));
        // Positions are 1-based lines and columns of the nodes.
        Assert.Equal(new SourcePosition(5, 14), s.Changes[0].Position);
        Assert.Equal(new SourcePosition(5, 24), s.Changes[1].Position);
        Assert.Equal(new SourcePosition(9, 31), s.Changes[5].PositionOf("date"));

        var result = ScenarioEngine.Run(RepoData.Dataset, s);
        Assert.Equal(["18-EU-H1", "18-SEC-H1"], result.AppliedChanges.Where(c => c.Hypothetical).Select(c => c.EventId));
    }

    [Fact]
    public void Unknown_id_names_file_line_and_column()
    {
        var e = SingleError("""
            name: x
            issue: 18
            changes:
              - remove: [18-US-20, 18-US-99]
            """);
        Assert.Equal((File, 4, 24), (e.File, e.Line, e.Column));
        Assert.Contains("unknown event id '18-US-99'", e.Message);
        Assert.StartsWith("scenarios/test.yaml:4:24: unknown event id", e.ToString());
    }

    [Fact]
    public void Unknown_id_in_rescore_points_at_the_id()
    {
        var e = SingleError("""
            name: x
            issue: 18
            changes:
              - rescore: { id: 17-EU-03, score: -1 }
            """);
        Assert.Equal((4, 20), (e.Line, e.Column));
        Assert.Contains("names issue 17, but the scenario is for issue 18", e.Message);
    }

    [Fact]
    public void A_score_outside_the_declared_range_is_an_error_at_its_value()
    {
        const string line4 = "  - rescore: { id: 18-RU-01, score: 999 }";
        var e = SingleError($"name: x\nissue: 18\nchanges:\n{line4}\n");
        Assert.Equal((File, 4, line4.IndexOf("999", StringComparison.Ordinal) + 1), (e.File, e.Line, e.Column));
        Assert.Contains("score 999 is outside the plausible range -5..+5", e.Message);
    }

    [Fact]
    public void Scores_that_would_overflow_a_sum_are_refused_by_the_range_not_wrapped()
    {
        var outcome = RunYaml("""
            name: x
            issue: 18
            changes:
              - add: { partner: EU, date: 1 December, label: a, score: 2147483647 }
              - add: { security: true, date: 1 December, label: b, nationalSecurity: 6, regionalTension: -6 }
            """);
        Assert.False(outcome.Ok);
        Assert.Equal([(4, 60), (5, 74), (5, 94)], outcome.Errors.Select(e => (e.Line, e.Column)));
        Assert.All(outcome.Errors, e => Assert.Contains("outside the plausible range", e.Message));
    }

    [Fact]
    public void Date_outside_the_period_is_an_error()
    {
        var e = SingleError("""
            name: x
            issue: 18
            changes:
              - add:
                  partner: EU
                  date: 2021-01-05
                  label: Too late
                  score: 1
            """);
        Assert.Equal((6, 13), (e.Line, e.Column));
        Assert.Contains("outside issue 18's period 2020-11-01..2020-12-31", e.Message);
    }

    [Fact]
    public void A_month_outside_the_period_is_an_error()
    {
        var e = SingleError("""
            name: x
            issue: 18
            changes:
              - add: { security: true, date: March, label: Spring, nationalSecurity: 0, regionalTension: -1 }
            """);
        Assert.Equal(4, e.Line);
        Assert.Contains("March is outside the issue's period", e.Message);
    }

    [Fact]
    public void Unknown_partner_is_an_error()
    {
        var e = SingleError("""
            name: x
            issue: 18
            changes:
              - add: { partner: UK, date: 1 December, label: Visit, score: 1 }
            """);
        Assert.Equal((4, 21), (e.Line, e.Column));
        Assert.Contains("unknown partner 'UK' (known: RU, EU, CN, US, UA", e.Message);
    }

    [Theory]
    [InlineData("score: two", "'score' must be an integer, found 'two'", 4, 37)]
    [InlineData("score: 1.5", "'score' must be an integer, found '1.5'", 4, 37)]
    [InlineData("score: [1]", "'score' must be a single value, found a list", 4, 37)]
    public void Non_integer_score_is_an_error(string score, string message, int line, int column)
    {
        var e = SingleError($"""
            name: x
            issue: 18
            changes:
              - rescore: {"{"} id: 18-EU-03, {score} {"}"}
            """);
        Assert.Equal((File, line, column), (e.File, e.Line, e.Column));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Non_integer_issue_is_an_error()
    {
        var e = SingleError("name: x\nissue: eighteen\nchanges: []\n");
        Assert.Equal((2, 8, "'issue' must be an integer, found 'eighteen'"), (e.Line, e.Column, e.Message));
    }

    [Theory]
    [InlineData("name: x\nissue: 18\nchanges:\n  - remove: [18-US-20\n", 5)]
    [InlineData("name: x\nissue: 18\nchanges:\n  - add: { partner: EU\n    date: 1 December }\n", 5)]
    [InlineData("name: x\n  issue: 18\n", 2)]
    [InlineData("name: x\nname: y\nissue: 18\nchanges: []\n", 2)]
    public void Malformed_yaml_is_an_error_with_its_position(string yaml, int line)
    {
        var e = SingleError(yaml);
        Assert.Equal(File, e.File);
        Assert.Equal(line, e.Line);
        Assert.True(e.Column > 0);
        Assert.StartsWith("malformed YAML: ", e.Message);
        Assert.DoesNotContain("(Line:", e.Message);
    }

    [Theory]
    [InlineData("", 1, "the file is empty")]
    [InlineData("- just\n- a list\n", 1, "expected a mapping with name, issue and changes, found a list")]
    [InlineData("name: x\nchanges: []\n", 1, "missing 'issue'")]
    [InlineData("name: x\nissue: 18\n", 1, "missing 'changes'")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - delete: 18-US-01\n", 4, "unknown change 'delete' (expected remove, rescore, add, thresholds)")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - remove: 18-US-01\n    rescore: { id: 18-US-02, score: 1 }\n", 4, "each change is a mapping with one key")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - rescore: { id: 18-US-02, Score: 1 }\n", 4, "unknown key 'Score' in 'rescore' (did you mean 'score'?)")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - rescore: { id: 18-US-02 }\n", 4, "'rescore' needs a new score")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - rescore: { id: 18-US-02, score: 1, regionalTension: 1 }\n", 4, "give either 'score'")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - add: { date: 1 December, label: x, score: 1 }\n", 4, "'add' needs 'partner'")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - add: { partner: EU, date: 1 December, score: 1 }\n", 4, "missing 'label'")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - add: { security: yes, date: 1 December, label: x, score: 1 }\n", 4, "'security' must be true or false")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - add: { security: true, partner: EU, date: 1 December, label: x, nationalSecurity: 0, regionalTension: 0 }\n", 4, "a security event has no partner")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - add: { partner: EU, date: 1 December, label: x, score: 1, regionalTension: 1 }\n", 4, "'regionalTension' belongs to security events")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - thresholds: []\n", 4, "'thresholds' takes a list of bands")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - thresholds:\n      - { colour: Green, min: 0, max: -3 }\n", 5, "band 'Green': max -3 is below min 0")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - thresholds:\n      - { colour: Red, max: -10 }\n      - { colour: White, min: 0 }\n", 5, "invalid thresholds")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - thresholds:\n      - { colour: White, min: 0 }\n      - { colour: white, max: -1 }\n", 6, "colour 'white' appears twice")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - rescore: { id: 18-SEC-02, score: 1 }\n", 4, "18-SEC-02 is a security event")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - rescore: { id: 18-US-02, regionalTension: 1 }\n", 4, "18-US-02 is a relationship event")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - remove: 18-US-02\n  - rescore: { id: 18-US-02, score: 1 }\n", 5, "event 18-US-02 was already removed")]
    [InlineData("name: x\nissue: 18\nchanges:\n  - add: { partner: EU, date: 31 November, label: x, score: 1 }\n", 4, "not a valid day")]
    public void Shape_and_content_errors(string yaml, int line, string message)
    {
        var e = SingleError(yaml);
        Assert.Equal(File, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Every_error_of_a_file_is_collected()
    {
        // Shape errors (the reader) and content errors (the engine, on the well-formed changes) come together, in file order.
        var outcome = RunYaml("""
            name: x
            issue: 18
            changes:
              - remove: [18-US-99, 18-EU-03]
              - rescore: { id: 18-EU-01, score: lots }
              - add: { partner: XX, date: 2019-01-01, label: x, score: 1 }
              - rescore: { id: 18-CN-77, score: 2 }
            """);
        Assert.False(outcome.Ok);
        Assert.Equal([(4, 14), (5, 37), (6, 21), (6, 31), (7, 20)], outcome.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("must be an integer", outcome.Errors[1].Message);
        var ex = Assert.Throws<DataValidationException>(() => outcome.OrThrow());
        Assert.Equal(5, ex.Errors.Count);
        Assert.All(ex.Errors, e => Assert.Equal(File, e.File));
    }

    [Fact]
    public void Reader_errors_are_all_collected_too()
    {
        var read = ScenarioReader.Parse("""
            name: [not, text]
            issue: 18
            extra: 1
            changes:
              - rescore: { id: 18-EU-01, score: lots }
              - add: { partner: EU, date: 1 December, label: x, score: 1.5 }
              - frobnicate: 1
            """, File);
        Assert.Equal([1, 3, 5, 6, 7], read.Errors.Select(e => e.Line));
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var outcome = ScenarioEngine.TryRunFile(RepoData.Dataset, "/nonexistent/scenario.yaml", "nope.yaml");
        Assert.Equal("nope.yaml:1:1: file not found", Assert.Single(outcome.Errors).ToString());
    }

    [Fact]
    public void Reading_from_disk_names_the_display_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, "name: x\nissue: 18\nchanges:\n  - remove: 18-XX-01\n");
        try
        {
            var e = Assert.Single(ScenarioEngine.TryRunFile(RepoData.Dataset, path, "my.yaml").Errors);
            Assert.StartsWith("my.yaml:4:13: unknown event id '18-XX-01'", e.ToString());
            e = Assert.Single(ScenarioEngine.TryRunFile(RepoData.Dataset, path).Errors);
            Assert.Equal(path, e.File);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
