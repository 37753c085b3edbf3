namespace Barometer.Cli.Tests;

/// <summary>A command line that cannot be parsed exits 2 (usage), distinct from bad input (1).</summary>
public class UsageErrorTests
{
    [Theory]
    [InlineData("reproduce")]                                        // --issue is required
    [InlineData("reproduce", "--issue", "18", "--format", "xml")]   // not a format
    [InlineData("sensitivity", "--issue", "18", "--runs", "many")]  // not a number
    [InlineData("notebooks", "run", "--timeout", "abc")]             // not a number of seconds
    [InlineData("no-such-command")]
    public void Unparseable_command_lines_exit_2(params string[] args)
    {
        var r = CliRunner.Run(null, args);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
    }

    [Fact]
    public void A_missing_notebook_is_bad_input_not_usage()
    {
        var r = CliRunner.Run(null, "notebooks", "run", "notebooks/does-not-exist.ipynb");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("does-not-exist.ipynb", r.Stdout + r.Stderr);
    }
}
