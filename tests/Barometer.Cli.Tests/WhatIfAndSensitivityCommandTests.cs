using System.Security.Cryptography;
using System.Text.Json;

namespace Barometer.Cli.Tests;

public class WhatIfAndSensitivityCommandTests
{
    private static JsonElement Measure(JsonElement root, string measure, string? partner = null) =>
        root.GetProperty("measures").EnumerateArray().Single(m =>
            m.GetProperty("measure").GetString() == measure &&
            (partner is null || (m.TryGetProperty("partner", out var p) && p.GetProperty("code").GetString() == partner)));

    [Fact]
    public void Whatif_json_gives_hand_checkable_numbers_and_leaves_the_data_untouched()
    {
        var before = HashData();
        var r = CliRunner.Run(null, "whatif", "scenarios/without-december-sanctions.yaml", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var us = Measure(doc.RootElement, "index", "US");
        Assert.Equal((-16, -12, 4), (us.GetProperty("baseline").GetInt32(), us.GetProperty("scenario").GetInt32(), us.GetProperty("delta").GetInt32()));
        var colour = Measure(doc.RootElement, "regionalTensionColour");
        Assert.Equal(("Yellow", "Yellow", false), (colour.GetProperty("baseline").GetString(), colour.GetProperty("scenario").GetString(), colour.GetProperty("changed").GetBoolean()));
        Assert.Equal(before, HashData());
    }

    [Fact]
    public void Whatif_with_a_bad_file_names_file_and_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-scenario-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "name: Bad\nissue: 18\nchanges:\n  - remove: [18-US-99]\n  - rescore: { id: 18-EU-03, score: minus }\n");
        try
        {
            var r = CliRunner.Run(null, "whatif", file);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains(":4:", r.Stderr);
            Assert.Contains("18-US-99", r.Stderr);
            Assert.Contains(":5:", r.Stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Sensitivity_is_deterministic_for_a_seed()
    {
        string[] args = ["sensitivity", "--issue", "18", "--runs", "2000", "--flip", "0.2", "--seed", "7", "--format", "json"];
        var first = CliRunner.Run(null, args);
        var second = CliRunner.Run(null, args);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
        using var doc = JsonDocument.Parse(first.Stdout);
        var rt = Measure(doc.RootElement, "regionalTension");
        Assert.Equal(-8, rt.GetProperty("baseline").GetInt32());
        Assert.True(rt.GetProperty("p05").GetDouble() <= -8 && rt.GetProperty("p95").GetDouble() >= -8);
    }

    private static string HashData()
    {
        var dir = Path.Combine(CliRunner.RepoRoot, "data");
        using var sha = SHA256.Create();
        foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }
}
