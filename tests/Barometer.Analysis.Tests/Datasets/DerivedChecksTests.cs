using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Datasets;

public class DerivedChecksTests
{
    private const string Checks = "external/derived_checks.csv";

    private static Dictionary<string, DerivedCheckResult> Run(string dataDir)
    {
        var (results, errors) = DerivedChecks.TryRun(dataDir);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return results.ToDictionary(r => r.CheckId);
    }

    private static decimal R(decimal value, int digits = 4) => Math.Round(value, digits);

    [Fact]
    public void The_shipped_checks_recompute_as_documented()
    {
        var r = Run(RepoData.Directory);
        Assert.Equal(["DC-001", "DC-002", "DC-003", "DC-004", "DC-005"], r.Keys);

        // DC-001: 4.779 + 5.799 = 10.578 against a stated 10.577 (USD billion): within 0.5 %.
        Assert.Equal((10.577m, 10.578m, 0.001m, "USD billion", CheckStatus.Agrees),
            (r["DC-001"].Stated, r["DC-001"].Computed, r["DC-001"].Difference, r["DC-001"].Unit, r["DC-001"].Status));
        Assert.Equal(R(0.005m * 10.577m), R(r["DC-001"].Tolerance));

        // DC-002: 4.779 − 5.799 = −1.020, exactly the stated balance.
        Assert.Equal((-1.02m, -1.02m, 0m, CheckStatus.Agrees), (r["DC-002"].Stated, r["DC-002"].Computed, r["DC-002"].Difference, r["DC-002"].Status));

        // DC-003: the stated levels (3.8 bn in 2016, 3.47 bn in 2015) give 9.51 % against a stated +11 % ...
        var ukraine = r["DC-003"];
        Assert.Equal((11m, 9.5101m, -1.4899m, -0.1354m, 0.5m), (ukraine.Stated, R(ukraine.Computed), R(ukraine.Difference), R(ukraine.RelativeDifference!.Value), ukraine.Tolerance));
        Assert.Equal("percent", ukraine.Unit);
        // ... although the rounding of "3.8" alone (3.75..3.85) allows 7.91 % to 11.11 %.
        Assert.Equal((7.9137m, 11.1111m), (R(ukraine.ComputedLow!.Value), R(ukraine.ComputedHigh!.Value)));
        Assert.Equal((10.577m, 10.579m), (r["DC-001"].ComputedLow, r["DC-001"].ComputedHigh));   // 4.7785..4.7795 + 5.7985..5.7995
        Assert.Equal((-1.021m, -1.019m), (r["DC-002"].ComputedLow, r["DC-002"].ComputedHigh));

        // DC-004: "almost 100 times" from >3.2 bn (2015) / 34 m (1992), scales normalised first: 94.12.
        var china = r["DC-004"];
        Assert.Equal(("almost", 100m, 94.1176m, CheckStatus.Agrees, 10m), (china.StatedQualifier, china.Stated, R(china.Computed), china.Status, china.Tolerance));

        // DC-005: "more than doubled": 28 / 13 = 2.15 > 2.
        Assert.Equal(("more_than", 2.1538m, CheckStatus.Agrees), (r["DC-005"].StatedQualifier, R(r["DC-005"].Computed), r["DC-005"].Status));

        Assert.Equal(["minsk-barometer-18#Relationship with the European Union > Developments and processes"], r["DC-001"].Sources);
    }

    [Fact]
    public void Tolerance_rules_follow_the_stated_qualifier()
    {
        using var data = new DataCopy();
        // TR-006 (line 7) written as 3.80 narrows the operands' range to 9.2..9.8 %; TR-005 (line 6): "about 11 %"
        // widens the tolerance to 10 % (1.1), still short of the 1.19 gap from the range's top.
        data.SetCell("external/trade.csv", 7, 11, "3.80");
        data.SetCell("external/trade.csv", 6, 10, "about");
        // TR-052 (line 53): "more than 2.3 times" is a lower bound that 28 / 13 does not reach, even at the top of its
        // rounding (28.5 / 12.5 = 2.28).
        data.SetCell("external/trade.csv", 53, 11, "2.3");
        // TR-049 (line 50): a balance of -1.03 is off by 0.01, more than 0.5 % of 1.03 (0.00515) and its rounding (0.005).
        data.SetCell("external/trade.csv", 50, 11, "-1.03");
        var r = Run(data.DataDir);
        Assert.Equal((CheckStatus.Disagrees, 1.1m), (r["DC-003"].Status, r["DC-003"].Tolerance));
        Assert.Equal(CheckStatus.Disagrees, r["DC-005"].Status);
        Assert.Equal(CheckStatus.Disagrees, r["DC-002"].Status);

        data.SetCell("external/trade.csv", 6, 11, "9.5");  // TR-005 "about 9.5 %" agrees
        data.SetCell("external/trade.csv", 53, 11, "2.15"); // more than 2.15: 2.1538 is above it
        data.SetCell("external/trade.csv", 50, 11, "-1.0"); // rounding of "-1.0" is 0.05: agrees
        r = Run(data.DataDir);
        Assert.Equal([CheckStatus.Agrees, CheckStatus.Agrees, CheckStatus.Agrees], new[] { r["DC-003"].Status, r["DC-005"].Status, r["DC-002"].Status });

        // "almost 100" means just below 100: with TR-017 (line 18) at 3.55 bn the ratio is 104.4, above it
        data.SetCell("external/trade.csv", 18, 11, "3.55");
        Assert.Equal(CheckStatus.Disagrees, Run(data.DataDir)["DC-004"].Status);
    }

    [Fact]
    public void An_unknown_operand_id_is_an_error_at_its_cell()
    {
        using var data = new DataCopy();
        data.SetCell(Checks, 4, 4, "TR-006;TR-999"); // DC-003
        var (results, errors) = DerivedChecks.TryRun(data.DataDir);
        Assert.Empty(results);
        var e = Assert.Single(errors);
        var at = data.CharacterColumn(Checks, 4, 4);
        Assert.Equal(("data/external/derived_checks.csv", 4, at), (e.File, e.Line, e.Column));
        Assert.Contains("operand_ids: 'TR-999' is not the id of any row", e.Message);
        Assert.Equal($"data/external/derived_checks.csv:4:{at}: operand_ids: 'TR-999' is not the id of any row in trade, arms_transfers, defence, finance, energy, sanctions", e.ToString());

        // Run on loaded tables throws with the same located error
        var tables = MeasurementTables.Load(data.DataDir);
        var thrown = Assert.Throws<DataValidationException>(() => DerivedChecks.Run(tables, DerivedChecks.Load(data.DataDir)));
        Assert.Equal(e, Assert.Single(thrown.Errors));
    }

    [Fact]
    public void Operands_may_live_in_any_table_but_must_share_a_unit()
    {
        using var data = new DataCopy();
        data.SetCell(Checks, 2, 4, "TR-045;FI-027"); // DC-001: exports (USD bn) + a finance row (USD bn) resolve across tables
        Assert.Empty(DerivedChecks.TryRun(data.DataDir).Errors);

        data.SetCell(Checks, 2, 4, "TR-045;TR-044"); // USD billion + percent
        var e = Assert.Single(DerivedChecks.TryRun(data.DataDir).Errors);
        Assert.Equal(("data/external/derived_checks.csv", 2, data.CharacterColumn(Checks, 2, 4)), (e.File, e.Line, e.Column));
        Assert.Contains("operands must share one unit: TR-045 is USD billion, TR-044 is percent", e.Message);

        data.SetCell(Checks, 2, 4, "TR-045;TR-047;TR-043");
        data.SetCell(Checks, 2, 2, "ratio"); // a ratio of three
        e = Assert.Single(DerivedChecks.TryRun(data.DataDir).Errors);
        Assert.Contains("ratio needs 2 operands, got 3", e.Message);

        data.SetCell("external/trade.csv", 14, 11, "0"); // TR-013 (line 14) set to 0, then used as a divisor
        data.SetCell(Checks, 6, 4, "TR-051;TR-013");     // DC-005
        data.SetCell("external/trade.csv", 14, 12, "companies");
        data.SetCell(Checks, 2, 4, "TR-045;TR-047");
        data.SetCell(Checks, 2, 2, "sum");
        e = Assert.Single(DerivedChecks.TryRun(data.DataDir).Errors);
        Assert.Equal(("data/external/derived_checks.csv", 6, data.CharacterColumn(Checks, 6, 4)), (e.File, e.Line, e.Column));
        Assert.Contains("TR-013 is 0: a ratio divides by it", e.Message);
    }

    [Fact]
    public void An_unknown_result_id_is_caught_by_the_descriptors_foreign_key_and_by_the_code()
    {
        using var data = new DataCopy();
        data.SetCell(Checks, 3, 3, "TR-099"); // DC-002
        var fk = Assert.Single(DataPackageValidator.Validate(data.DataDir));
        Assert.Equal(("data/external/derived_checks.csv", 3, data.CharacterColumn(Checks, 3, 3)), (fk.File, fk.Line, fk.Column));
        Assert.Contains("is not in trade.csv", fk.Message);
        Assert.Equal(fk, Assert.Single(DerivedChecks.TryRun(data.DataDir).Errors));
        Assert.Equal(fk, Assert.Single(DataValidation.Validate(data.DataDir))); // once: the code does not report it again
    }

    [Theory]
    [InlineData("11", "0.5")]
    [InlineData("10.577", "0.0005")]
    [InlineData("-1.02", "0.005")]
    [InlineData("2114", "0.5")]
    public void Rounding_is_half_a_unit_in_the_last_written_digit(string value, string half) =>
        Assert.Equal(decimal.Parse(half, System.Globalization.CultureInfo.InvariantCulture),
            DerivedChecks.HalfUnit(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
