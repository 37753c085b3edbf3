namespace Barometer.Cli.Tests;

public class DataValidateCommandTests
{
    [Fact]
    public void Shipped_data_are_clean()
    {
        var r = CliRunner.Run(null, "data", "validate");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        // The success line is the command's result: on stdout, where a script reads it (it was on stderr).
        Assert.StartsWith("data OK: every table in ", r.Stdout.Trim());
        Assert.Equal("", r.Stderr.Trim());
    }

    [Fact]
    public void A_corrupted_cell_is_named_by_file_line_and_column_and_exits_1()
    {
        var temp = Path.Combine(Path.GetTempPath(), "barometer-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var target = Path.Combine(temp, "data");
            CopyDirectory(Path.Combine(CliRunner.RepoRoot, "data"), target);
            var events = Path.Combine(target, "barometer", "security_events.csv");
            var lines = File.ReadAllLines(events);
            lines[3] = lines[3].Replace(",0,-1,", ",0,minus one,");
            File.WriteAllLines(events, lines);

            var r = CliRunner.Run(null, "data", "validate", "--data", target);
            Assert.Equal(1, r.ExitCode);
            var column = lines[3].IndexOf("minus one", StringComparison.Ordinal) + 1; // the character column, not the field number (6)
            Assert.Contains($"data/barometer/security_events.csv:4:{column}: regional_tension: 'minus one' is not an integer", r.Stdout.Replace('\\', '/'));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void The_reports_words_are_validated_too()
    {
        var temp = Path.Combine(Path.GetTempPath(), "barometer-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var target = Path.Combine(temp, "data");
            CopyDirectory(Path.Combine(CliRunner.RepoRoot, "data"), target);
            var events = Path.Combine(target, "barometer", "relationship_events.csv");
            var lines = File.ReadAllLines(events);
            var klaipeda = Array.FindIndex(lines, l => l.StartsWith("18-EU-07,", StringComparison.Ordinal));
            lines[klaipeda] = lines[klaipeda].Replace(",Belarus suspends oil product deliveries through the seaport of Klaipeda,",
                ",Oil product shipments via Klaipeda port halted,", StringComparison.Ordinal);
            File.WriteAllLines(events, lines);
            var statements = Path.Combine(target, "barometer", "text_statements.csv");
            var text = File.ReadAllLines(statements);
            text[1] = text[1].Replace(",18-RU-14,", ",18-RU-99,", StringComparison.Ordinal);
            File.WriteAllLines(statements, text);

            var r = CliRunner.Run(null, "data", "validate", "--data", target);
            Assert.Equal(1, r.ExitCode);
            var output = r.Stdout.Replace('\\', '/');
            var labelColumn = lines[klaipeda].IndexOf("Oil product", StringComparison.Ordinal) + 1;
            Assert.Contains($"data/barometer/relationship_events.csv:{klaipeda + 1}:{labelColumn}: label: 'shipments', 'port', 'halted' not in the event as printed", output);
            Assert.Contains($"data/barometer/text_statements.csv:2:{text[1].IndexOf("18-RU-99", StringComparison.Ordinal) + 1}: event_id: no catalogue event '18-RU-99'", output);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to));
        }
    }
}
