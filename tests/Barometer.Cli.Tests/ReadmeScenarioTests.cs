using System.Globalization;
using Barometer.Analysis.Scenarios;

namespace Barometer.Cli.Tests;

/// <summary>The README's example scenario is the shipped file of that name, and the README's limits are the code's (issue 12).</summary>
public class ReadmeScenarioTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_example_titled_without_the_december_sanctions_is_the_shipped_file()
    {
        var start = Readme.IndexOf("```yaml\nname: Without the December sanctions\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no example scenario named 'Without the December sanctions'");
        start += "```yaml\n".Length;
        var example = Readme[start..Readme.IndexOf("```", start, StringComparison.Ordinal)];
        var shipped = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "scenarios", "without-december-sanctions.yaml")).ReplaceLineEndings("\n");
        var withoutComments = string.Concat(shipped.Split('\n').Where(l => !l.StartsWith('#')).Select(l => l + "\n")).Trim('\n') + "\n";
        Assert.Equal(withoutComments, example);
    }

    [Fact]
    public void The_limits_the_readme_states_are_the_code_s()
    {
        Assert.Equal(1024 * 1024, ScenarioYamlLimits.MaxFileBytes);
        Assert.Contains("A scenario file is at most 1 MiB", Readme);
        Assert.Contains($"at most {ScenarioYamlLimits.MaxDepth} deep", Readme);
        Assert.Contains($"at most {ScenarioYamlLimits.MaxExpandedNodes.ToString("N0", CultureInfo.InvariantCulture)} values", Readme);
        Assert.Contains($"at most {Barometer.Browser.HeadlessChromium.DefaultCallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", Readme);
    }
}
