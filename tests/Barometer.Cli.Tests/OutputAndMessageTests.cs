using System.Diagnostics;
using System.Text.Json;

namespace Barometer.Cli.Tests;

/// <summary>
/// Output fit for pipes and files, help that says what each command accepts, and messages that say what is wrong
/// (issue 12, items 11, 13, 14 and 15).
/// </summary>
public class OutputAndMessageTests
{
    /// <summary>As a script runs the tool: stdout a pipe, no NO_COLOR, no COLUMNS.</summary>
    private static readonly Dictionary<string, string?> Piped = new() { ["NO_COLOR"] = null, ["COLUMNS"] = null, ["TERM"] = "xterm-256color" };

    [Theory]
    [InlineData("reproduce", "--issue", "18")]
    [InlineData("whatif", "scenarios/without-december-sanctions.yaml")]
    [InlineData("sensitivity", "--issue", "18", "--runs", "200")]
    [InlineData("data", "list")]
    [InlineData("data", "checks")]
    [InlineData("data", "show", "relationship_events")]
    public void Piped_output_is_plain_text_without_escape_sequences(params string[] args)
    {
        var r = CliRunner.Run(null, Piped, args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain('\u001b', r.Stdout);
        Assert.DoesNotContain('\u001b', r.Stderr);
        // "…" is sensitivity's own interval sign ("+12 … +16"); elsewhere it would be Spectre cutting a cell short.
        if (args[0] != "sensitivity")
        {
            Assert.DoesNotContain("…", r.Stdout);
        }
    }

    [Fact]
    public void Piped_tables_are_not_wrapped_at_80_columns()
    {
        var r = CliRunner.Run(null, Piped, "reproduce", "--issue", "18");
        var lines = r.Stdout.Split('\n');
        Assert.Contains("Relations development indices (computed from Appendix 1)", lines.Select(l => l.Trim()));
        Assert.Contains("Reconciliation: printed in the report vs computed from its catalogues", lines.Select(l => l.Trim()));
        // One line per reconciliation row: the five mismatches are five lines.
        Assert.Equal(5, lines.Count(l => l.Contains("MISMATCH", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Length > 80);
    }

    [Fact]
    public void Whatif_piped_keeps_long_labels_whole()
    {
        var r = CliRunner.Run(null, Piped, "whatif", "scenarios/without-december-sanctions.yaml");
        Assert.Contains("Relationship", r.Stdout);
        Assert.DoesNotContain("Relationsh\n", r.Stdout);
        Assert.Contains("What if: Without the December sanctions (issue 18)", r.Stdout);
    }

    [Fact]
    public void No_color_on_a_terminal_writes_no_escape_sequence()
    {
        var coloured = OnTerminal(noColor: false);
        Assert.Contains('\u001b', coloured); // the test can fail: a terminal does get styles
        Assert.DoesNotContain('\u001b', OnTerminal(noColor: true));
    }

    /// <summary>
    /// The .NET runtime switches a terminal's keypad to application mode when a console app starts (ESC[?1h ESC=, the
    /// terminfo keypad_xmit; `dotnet --version` writes it too): not styling, not ours, so removed before counting.
    /// </summary>
    private static string WithoutKeypadMode(string output) => output.Replace("\u001b[?1h\u001b=", "").Replace("\u001b[?1l\u001b>", "");

    /// <summary>Runs <c>reproduce --issue 18</c> on a pseudo-terminal (util-linux <c>script</c>) and returns what it wrote.</summary>
    private static string OnTerminal(bool noColor)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "barometer.dll");
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = CliRunner.RepoRoot };
        foreach (var a in new[] { "-qec", $"dotnet '{dll}' reproduce --issue 18", "/dev/null" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm-256color";
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000));
        Assert.Equal(0, p.ExitCode);
        return WithoutKeypadMode(output.Result);
    }

    [Theory]
    [InlineData("<table|json|markdown|csv>", "reproduce")]
    [InlineData("<table|json|markdown>", "whatif")]
    [InlineData("<table|json|markdown>", "sensitivity")]
    [InlineData("<table|json>", "data", "checks")]
    [InlineData("<table|csv|json|markdown>", "data", "show")]
    [InlineData("<table|json|markdown|csv>", "data", "list")]
    public void Format_help_lists_what_the_command_accepts(string accepted, params string[] command)
    {
        var r = CliRunner.Run(null, [.. command, "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"--format {accepted}", r.Stdout);
        Assert.DoesNotContain("Csv|Json|Markdown|Table", r.Stdout);
        // Every format the help lists is accepted.
        foreach (var format in accepted.Trim('<', '>').Split('|'))
        {
            var args = command switch
            {
                ["reproduce"] or ["sensitivity"] => [.. command, "--issue", "18", "--format", format],
                ["whatif"] => [.. command, "scenarios/without-december-sanctions.yaml", "--format", format],
                ["data", "show"] => [.. command, "partners", "--format", format],
                _ => command.Concat(["--format", format]).ToArray(),
            };
            if (command is ["sensitivity"])
            {
                args = [.. args, "--runs", "100"];
            }

            var run = CliRunner.Run(null, args);
            Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)}: exit {run.ExitCode}\n{run.Stderr}");
        }
    }

    [Fact]
    public void Reproduce_writes_the_reconciliation_as_csv()
    {
        var r = CliRunner.Run(null, "reproduce", "--issue", "18", "--format", "csv");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("issue,measure,partner_code,partner_name,published,computed,difference,status,source", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("18,index,US,US,-14,-16,-2,mismatch,", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(l => l.Contains(",mismatch,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Data_show_and_list_write_markdown_and_json()
    {
        var show = CliRunner.Run(null, "data", "show", "partners", "--format", "markdown");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.StartsWith("| code | name | catalogue_heading | source | section |\n|---|---|---|---|---|\n| RU | Russia |", show.Stdout);
        var list = CliRunner.Run(null, "data", "list", "--format", "json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        using var doc = JsonDocument.Parse(list.Stdout);
        Assert.Contains(doc.RootElement.EnumerateArray(), t => t.GetProperty("name").GetString() == "external_trade");
    }

    [Fact]
    public void Markdown_escapes_raw_html_from_the_data_and_the_scenario()
    {
        var data = CopyOfData();
        var scenario = Path.Combine(Path.GetTempPath(), $"html-{Guid.NewGuid():N}.yaml");
        try
        {
            var issues = Path.Combine(data, "barometer", "issues.csv");
            File.WriteAllText(issues, File.ReadAllText(issues).Replace("Minsk Barometer No 18 (November–December 2020)",
                "Minsk Barometer No 18 <script>alert(1)</script>", StringComparison.Ordinal));
            var reproduce = CliRunner.Run(null, "reproduce", "--issue", "18", "--data", data, "--format", "markdown");
            Assert.True(reproduce.ExitCode == 0, reproduce.Stderr);
            Assert.DoesNotContain("<script>", reproduce.Stdout);
            Assert.Contains("# Minsk Barometer No 18 &lt;script&gt;alert(1)&lt;/script&gt;", reproduce.Stdout);

            File.WriteAllText(scenario, "name: <b>bold</b> name\nissue: 18\ndescription: <script>alert(2)</script>\nchanges:\n  - remove: 18-US-20\n");
            var whatif = CliRunner.Run(null, "whatif", scenario, "--format", "markdown");
            Assert.True(whatif.ExitCode == 0, whatif.Stderr);
            Assert.DoesNotContain("<script>", whatif.Stdout);
            Assert.DoesNotContain("<b>", whatif.Stdout);
            Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", whatif.Stdout);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            File.Delete(scenario);
        }
    }

    [Fact]
    public void An_issue_that_is_not_in_the_data_is_not_said_to_have_published_values()
    {
        var r = CliRunner.Run(null, "reproduce", "--issue", "99");
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("only published values", r.Stderr);
        Assert.Contains("no minsk_barometer issue 99 in issues.csv (known: ", r.Stderr);
        var published = CliRunner.Run(null, "reproduce", "--issue", "20");
        Assert.Contains("only published values", published.Stderr);
    }

    [Fact]
    public void An_unknown_command_is_the_only_error_reported()
    {
        var r = CliRunner.Run(null, "no-such-command");
        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("Required command was not provided", r.Stderr + r.Stdout);
        Assert.StartsWith("error: Unrecognized command or argument 'no-such-command'", r.Stderr);
    }

    [Theory]
    [InlineData("--issue expects a whole number, e.g. 18; got 'abc'", "reproduce", "--issue", "abc")]
    [InlineData("--runs expects a whole number, e.g. 18; got 'many'", "sensitivity", "--issue", "18", "--runs", "many")]
    [InlineData("--flip expects a number, e.g. 0.1; got 'often'", "sensitivity", "--issue", "18", "--flip", "often")]
    public void A_value_of_the_wrong_type_gets_a_message_in_words(string message, params string[] args)
    {
        var r = CliRunner.Run(null, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error: " + message, r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);
    }

    [Fact]
    public void The_partner_is_code_plus_name_in_every_command()
    {
        foreach (var args in new[]
                 {
                     new[] { "reproduce", "--issue", "18", "--format", "json" },
                     ["whatif", "scenarios/without-december-sanctions.yaml", "--format", "json"],
                     ["sensitivity", "--issue", "18", "--runs", "100", "--format", "json"],
                 })
        {
            var r = CliRunner.Run(null, args);
            Assert.True(r.ExitCode == 0, r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            var partners = Descendants(doc.RootElement).Where(p => p.Name == "partner" && p.Value.ValueKind != JsonValueKind.Null).ToList();
            Assert.NotEmpty(partners);
            Assert.All(partners, p => Assert.Equal(["code", "name"], p.Value.EnumerateObject().Select(x => x.Name)));
            Assert.Contains(partners, p => p.Value.GetProperty("code").GetString() == "RU" && p.Value.GetProperty("name").GetString() == "Russia");
            Assert.DoesNotContain(partners, p => p.Value.GetProperty("code").GetString() == "SEC"); // security events have no partner
        }
        foreach (var args in new[]
                 {
                     new[] { "reproduce", "--issue", "18" },
                     ["whatif", "scenarios/without-december-sanctions.yaml"],
                     ["sensitivity", "--issue", "18", "--runs", "100"],
                 })
        {
            var r = CliRunner.Run(null, args);
            Assert.Contains("Russia (RU)", r.Stdout);
        }
    }

    private static IEnumerable<JsonProperty> Descendants(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => new[] { p }.Concat(Descendants(p.Value))),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Descendants),
        _ => [],
    };

    internal static string CopyOfData()
    {
        var target = Path.Combine(Path.GetTempPath(), $"barometer-data-{Guid.NewGuid():N}");
        var source = Path.Combine(CliRunner.RepoRoot, "data");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
