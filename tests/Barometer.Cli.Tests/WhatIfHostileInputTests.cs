using System.Text;

namespace Barometer.Cli.Tests;

/// <summary>`barometer whatif` on the audit's hostile scenario files: each refused quickly, exit 1, at file:line:column (issue 12, items 1 and 9).</summary>
public sealed class WhatIfHostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-hostile-").FullName;

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Nine_levels_of_aliases_and_an_alias_key_are_refused_at_the_alias()
    {
        var yaml = new StringBuilder("name: alias bomb\nissue: 18\nchanges:\n  - remove: &l0 [18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01, 18-EU-01]\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"  - remove: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        }

        yaml.Append("  - *l9 : 1\n");
        var path = Write("bomb.yaml", yaml.ToString());
        var r = CliRunner.Run(null, "whatif", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"bomb\.yaml:7:\d+: aliases expand this file to more than 10,000 values", r.Stderr);
    }

    [Fact]
    public void A_ten_megabyte_scenario_is_refused_with_the_limit()
    {
        var path = Path.Combine(_dir, "big.yaml");
        using (var w = new StreamWriter(path))
        {
            w.Write("name: big\nissue: 18\nchanges:\n");
            for (var i = 0; i < 500_000; i++)
            {
                w.Write("  - remove: 18-EU-01\n");
            }
        }
        var r = CliRunner.Run(null, "whatif", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"big\.yaml:1:1: the scenario file is 10(\.\d)? MiB; scenario files are limited to 1 MiB", r.Stderr);
    }

    [Fact]
    public void A_tab_on_line_5_is_reported_on_line_5()
    {
        var path = Write("tab.yaml", "name: tab\nissue: 18\ndescription: a tab below\nchanges:\n\t- remove: 18-EU-01\n");
        var r = CliRunner.Run(null, "whatif", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("tab.yaml:5:1: malformed YAML: a tab in the indentation", r.Stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
