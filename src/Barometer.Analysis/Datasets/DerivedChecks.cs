using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Datasets;

/// <summary>
/// A derived fact to recompute: a row of <c>derived_checks.csv</c>. <see cref="ResultId"/> names the row that states
/// the result, <see cref="OperandIds"/> the rows it follows from, in the order <see cref="Kind"/> needs.
/// </summary>
/// <param name="Kind"><c>sum</c>, <c>balance</c>, <c>growth</c>, <c>share</c> or <c>ratio</c> (formulas in <see cref="DerivedChecks"/>).</param>
public sealed record DerivedCheck(string CheckId, string Kind, string ResultId, IReadOnlyList<string> OperandIds, string Description)
{
    // Where the check is written, for located errors; empty for a check built in code.
    internal string File { get; init; } = "";
    internal (int Line, int Column) ResultAt { get; init; }
    internal (int Line, int Column) OperandsAt { get; init; }
    internal (int Line, int Column) KindAt { get; init; }
}

/// <summary>Whether a stated derived fact agrees with its recomputation (the rule is on <see cref="DerivedChecks"/>).</summary>
public enum CheckStatus { Agrees, Disagrees }

/// <summary>
/// A derived fact recomputed. <see cref="Stated"/>, <see cref="Computed"/>, <see cref="Difference"/> (computed − stated),
/// <see cref="Tolerance"/>, <see cref="ComputedLow"/> and <see cref="ComputedHigh"/> are in the stated row's unit and
/// scale (<see cref="Unit"/>, e.g. <c>USD billion</c>, <c>percent</c>). <see cref="RelativeDifference"/> is
/// difference / |stated| as a fraction (−0.135 = 13.5 % below), null when the stated value is 0.
/// <see cref="ComputedLow"/>..<see cref="ComputedHigh"/> is what the formula gives when every operand moves within its
/// own rounding (half a unit in its last stated digit), null when a denominator's range reaches 0. The computed figures
/// are rounded to <see cref="DerivedChecks.ReportedDecimals"/> places; the status is reached on the exact values.
/// </summary>
public sealed record DerivedCheckResult(
    string CheckId,
    string Kind,
    string Description,
    string? StatedQualifier,
    decimal Stated,
    decimal Computed,
    string Unit,
    decimal Difference,
    decimal? RelativeDifference,
    decimal Tolerance,
    decimal? ComputedLow,
    decimal? ComputedHigh,
    CheckStatus Status,
    IReadOnlyList<string> Sources);

/// <summary>
/// Recomputes the derived facts of <c>derived_checks.csv</c> from their operands and compares them with what the source
/// states. Derived facts are code, not data: the CSV only says which rows relate how.
/// <para><b>Formulas</b> (operands converted to base units first, <see cref="Measurement.ValueInOnes"/>, so billions
/// and millions mix): <c>sum</c> = Σ operands and <c>balance</c> = first − second, both expressed in the stated result's
/// scale; <c>growth</c> = (first / second − 1) × 100; <c>share</c> = first / second × 100 (× 1 when the result's unit is
/// <c>ratio</c>); <c>ratio</c> = first / second. Sum and balance need operands in the result's unit and currency; the
/// others need the two operands in one unit and currency.</para>
/// <para><b>Tolerance.</b> The base tolerance is the larger of 0.5 % of |stated| and the stated value's rounding
/// (half a unit in its last written digit: 0.5 for "11", 0.0005 for "10.577"). The approximate tolerance, the larger of
/// 10 % of |stated| and the base, applies when the stated result is <c>about</c> or <c>almost</c>, or when any operand
/// carries a qualifier (the recomputation is then itself approximate).</para>
/// <para><b>Status by the stated result's qualifier.</b> Exact or <c>about</c>: agrees when |computed − stated| ≤
/// tolerance. <c>almost</c> (just below): stated − approximate tolerance ≤ computed ≤ stated + base tolerance. Lower
/// bounds (<c>more_than</c>, <c>over</c>, <c>at_least</c>, <c>range_low</c>): computed ≥ stated − t; upper bounds
/// (<c>less_than</c>, <c>up_to</c>, <c>range_high</c>): computed ≤ stated + t; for bounds t is 0.5 % of |stated| (a
/// bound says on which side the truth lies, so the last digit's rounding does not widen it), or the approximate
/// tolerance when an operand is qualified.</para>
/// <para><b>Operands' rounding.</b> Each operand is only known to half a unit in its last written digit, so the
/// formula gives a range of values (<see cref="DerivedCheckResult.ComputedLow"/>..<see cref="DerivedCheckResult.ComputedHigh"/>).
/// A check agrees when any value of that range meets the rule above; a range that contains the stated value always
/// agrees. Without a bounded range (a denominator that may be 0) the computed value alone is judged.</para>
/// </summary>
public static class DerivedChecks
{
    /// <summary>The columns that make a resource under <c>external/</c> a list of derived checks.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["check_id", "kind", "result_id", "operand_ids", "description"];

    /// <summary>Relative part of the base tolerance (0.5 %).</summary>
    public const decimal RelativeTolerance = 0.005m;

    /// <summary>Relative tolerance for approximate statements and qualified operands (10 %).</summary>
    public const decimal ApproximateTolerance = 0.10m;

    private static readonly string[] LowerBounds = ["more_than", "over", "at_least", "range_low"];
    private static readonly string[] UpperBounds = ["less_than", "up_to", "range_high"];

    /// <summary>Loads every derived-check table of the descriptor (resources under <c>external/</c> with <see cref="Columns"/>).</summary>
    /// <exception cref="DataValidationException">A table breaks its schema (every problem located).</exception>
    public static IReadOnlyList<DerivedCheck> Load(string dataDirectory)
    {
        var (checks, errors) = TryLoad(dataDirectory);
        return errors.Count == 0 ? checks : throw new DataValidationException(errors);
    }

    /// <summary>As <see cref="Load"/>, reporting problems instead of throwing.</summary>
    public static (IReadOnlyList<DerivedCheck> Checks, IReadOnlyList<DataError> Errors) TryLoad(string dataDirectory) =>
        TryLoad(new DataPackageReader(dataDirectory));

    /// <summary>As <see cref="Load"/>, from a package that may already have been read (nothing is read twice).</summary>
    internal static (IReadOnlyList<DerivedCheck> Checks, IReadOnlyList<DataError> Errors) TryLoad(DataPackageReader package)
    {
        var resources = CheckResources(package);
        var checks = new List<DerivedCheck>();
        foreach (var resource in resources)
        {
            if (package.Table(resource) is { } table)
            {
                checks.AddRange(table.Rows.Where(row => !table.HasErrorIn(row)).Select(row => Read(new RowReader(table, row, _ => { }))));
            }
        }

        return (checks, package.ErrorsOf(resources));
    }

    private static DataResource[] CheckResources(DataPackageReader package) =>
        package.Descriptor?.Resources.Where(r => DataPackageReader.IsExternalWith(r, Columns)).ToArray() ?? [];

    private static DerivedCheck Read(RowReader r) =>
        new(r.Raw("check_id"), r.Raw("kind"), r.Raw("result_id"),
            r.Raw("operand_ids").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            r.Raw("description"))
        {
            File = r.Table.DisplayPath,
            ResultAt = (r.LineOf("result_id"), r.Column("result_id")),
            OperandsAt = (r.LineOf("operand_ids"), r.Column("operand_ids")),
            KindAt = (r.LineOf("kind"), r.Column("kind")),
        };

    /// <summary>
    /// What makes a check impossible to compute, located at its cell: an unknown result or operand id (in any
    /// measurement table), an unknown kind, the wrong number of operands, or units that do not combine.
    /// </summary>
    public static IReadOnlyList<DataError> Validate(MeasurementTables tables, IReadOnlyList<DerivedCheck> checks)
    {
        var errors = new List<DataError>();
        foreach (var check in checks)
        {
            void Error((int Line, int Column) at, string name, string message) => errors.Add(new DataError(check.File, at.Line, at.Column, $"{name}: {message}"));
            var result = tables.Find(check.ResultId);
            if (result is null)
            {
                Error(check.ResultAt, "result_id", $"'{check.ResultId}' is not the id of any row in {string.Join(", ", tables.TableNames)}");
            }

            var unknown = check.OperandIds.Where(id => tables.Find(id) is null).ToArray();
            if (unknown.Length > 0)
            {
                Error(check.OperandsAt, "operand_ids", $"{string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Length == 1 ? "is not the id" : "are not ids")} of any row in {string.Join(", ", tables.TableNames)}");
            }

            (int Min, int Max)? arity = check.Kind switch
            {
                "sum" => (2, int.MaxValue),
                "balance" or "growth" or "share" or "ratio" => (2, 2),
                _ => null,
            };
            if (arity is not { } a)
            {
                Error(check.KindAt, "kind", $"unknown kind '{check.Kind}' (sum, balance, growth, share, ratio)");
                continue;
            }
            if (check.OperandIds.Count < a.Min || check.OperandIds.Count > a.Max)
            {
                Error(check.OperandsAt, "operand_ids", $"{check.Kind} needs {(a.Min == a.Max ? $"{a.Min}" : $"at least {a.Min}")} operands, got {check.OperandIds.Count}");
                continue;
            }
            if (result is null || unknown.Length > 0)
            {
                continue;
            }

            var operands = check.OperandIds.Select(id => tables[id]).ToArray();
            var first = operands[0];
            var mismatch = operands.FirstOrDefault(o => o.Unit != first.Unit || o.Currency != first.Currency);
            if (mismatch is not null)
            {
                Error(check.OperandsAt, "operand_ids", $"operands must share one unit: {first.Id} is {first.UnitLabel}, {mismatch.Id} is {mismatch.UnitLabel}");
            }
            else if (check.Kind is "sum" or "balance" && (result.Unit != first.Unit || result.Currency != first.Currency))
            {
                Error(check.ResultAt, "result_id", $"a {check.Kind} is in its operands' unit, but {result.Id} is {result.UnitLabel} and {first.Id} is {first.UnitLabel}");
            }
            else if (check.Kind is "growth" or "share" or "ratio" && operands[1].Value == 0)
            {
                Error(check.OperandsAt, "operand_ids", $"{operands[1].Id} is 0: a {check.Kind} divides by it");
            }
            else if (check.Kind is "growth" && result.Unit != "percent" || check.Kind is "share" && result.Unit is not ("percent" or "ratio") || check.Kind is "ratio" && result.Unit != "ratio")
            {
                Error(check.ResultAt, "result_id", $"{result.Id} is in {result.Unit}; a {check.Kind} is stated in {(check.Kind == "ratio" ? "ratio" : check.Kind == "share" ? "percent or ratio" : "percent")}");
            }
        }
        return errors;
    }

    /// <summary>Recomputes every check and compares it with the stated result (rules on <see cref="DerivedChecks"/>).</summary>
    /// <exception cref="DataValidationException">A check cannot be computed (see <see cref="Validate"/>).</exception>
    public static IReadOnlyList<DerivedCheckResult> Run(MeasurementTables tables, IReadOnlyList<DerivedCheck> checks)
    {
        var errors = Validate(tables, checks);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        return checks.Select(c => Compute(c, tables[c.ResultId], c.OperandIds.Select(id => tables[id]).ToArray())).ToArray();
    }

    /// <summary>
    /// Loads the measurement tables and the checks of <paramref name="dataDirectory"/> and runs them; every problem
    /// (a table breaking its schema, an unknown id) is returned as a located error instead of thrown.
    /// </summary>
    public static (IReadOnlyList<DerivedCheckResult> Results, IReadOnlyList<DataError> Errors) TryRun(string dataDirectory) =>
        TryRun(new DataPackageReader(dataDirectory));

    /// <summary>As <see cref="TryRun(string)"/>, from a package that may already have been read (nothing is read twice).</summary>
    internal static (IReadOnlyList<DerivedCheckResult> Results, IReadOnlyList<DataError> Errors) TryRun(DataPackageReader package)
    {
        var (tables, tableErrors) = MeasurementTables.TryLoad(package);
        var (checks, checkErrors) = TryLoad(package);
        var errors = tableErrors.Union(checkErrors).ToList(); // the descriptor's own problems concern both
        if (tables is null || errors.Count > 0)
        {
            return ([], errors);
        }

        errors.AddRange(Validate(tables, checks));
        return errors.Count > 0 ? ([], errors) : (Run(tables, checks), errors);
    }

    /// <summary>
    /// The problems of the rules that live in code, for <see cref="DataValidation"/>: measurement rows' rules, and the
    /// checks' ids, kinds and units for every check whose row is sound (its schema problems are the package's).
    /// </summary>
    internal static IReadOnlyList<DataError> RuleErrors(DataPackageReader package)
    {
        var (tables, rules) = MeasurementTables.ReadWithRules(package);
        var (checks, _) = TryLoad(package);
        if (tables is null)
        {
            return rules;
        }

        var sound = checks.Where(c => !c.OperandIds.Append(c.ResultId).Any(tables.UnsoundIds.Contains)).ToArray();
        return rules.Concat(Validate(tables, sound)).ToArray();
    }

    private static DerivedCheckResult Compute(DerivedCheck check, Measurement result, IReadOnlyList<Measurement> operands)
    {
        var factor = Scales.Factor(result.Scale);
        var percent = check.Kind == "growth" || (check.Kind == "share" && result.Unit == "percent") ? 100m : 1m;
        // The formula on values in base units; for sum and balance the outcome is brought to the result's scale.
        decimal Formula(IReadOnlyList<decimal> v) => check.Kind switch
        {
            "sum" => v.Sum() / factor,
            "balance" => (v[0] - v[1]) / factor,
            "growth" => (v[0] / v[1] - 1m) * percent,
            _ => v[0] / v[1] * percent, // share, ratio
        };
        var ones = operands.Select(o => o.ValueInOnes).ToArray();
        var computed = Formula(ones);

        var (low, high) = RoundingRange(check.Kind, ones, operands.Select(o => HalfUnit(o.Value) * Scales.Factor(o.Scale)).ToArray(), Formula);

        var stated = result.Value;
        var approximateInputs = operands.Any(o => o.Qualifier is not null);
        var baseTolerance = Math.Max(RelativeTolerance * Math.Abs(stated), HalfUnit(stated));
        var approximate = Math.Max(ApproximateTolerance * Math.Abs(stated), baseTolerance);
        var difference = computed - stated;
        // Bounds say on which side the truth lies: only the relative part widens them (or the approximate tolerance).
        var boundTolerance = approximateInputs ? approximate : RelativeTolerance * Math.Abs(stated);
        // The differences (computed − stated) the statement allows, by its qualifier.
        var (tolerance, allowedLow, allowedHigh) = result.Qualifier switch
        {
            "about" => (approximate, -approximate, approximate),
            "almost" => (approximate, -approximate, baseTolerance),
            { } q when LowerBounds.Contains(q) => (boundTolerance, -boundTolerance, decimal.MaxValue),
            { } q when UpperBounds.Contains(q) => (boundTolerance, decimal.MinValue, boundTolerance),
            _ when approximateInputs => (approximate, -approximate, approximate),
            _ => (baseTolerance, -baseTolerance, baseTolerance),
        };
        // Agrees when some value the formula gives with each operand within its own rounding (low..high, or the
        // computed value alone when that range is unbounded) differs from the stated value by an allowed amount.
        var lowestDifference = (low ?? computed) - stated;
        var highestDifference = (high ?? computed) - stated;
        var agrees = lowestDifference <= allowedHigh && highestDifference >= allowedLow;

        return new DerivedCheckResult(
            check.CheckId, check.Kind, check.Description, result.Qualifier, stated, Reported(computed), result.UnitLabel,
            Reported(difference), stated == 0 ? null : Reported(difference / Math.Abs(stated)), tolerance,
            low is { } l ? Reported(l) : null, high is { } h ? Reported(h) : null,
            agrees ? CheckStatus.Agrees : CheckStatus.Disagrees,
            new[] { result }.Concat(operands).Select(m => m.Source).Distinct().ToArray());
    }

    /// <summary>Decimal places kept in a result's computed figures (the verdict is reached on the exact values).</summary>
    public const int ReportedDecimals = 6;

    /// <summary><paramref name="value"/> rounded to <see cref="ReportedDecimals"/> places, without trailing zeros.</summary>
    private static decimal Reported(decimal value) => Math.Round(value, ReportedDecimals, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;

    /// <summary>
    /// The formula's range when each operand lies anywhere within ± <paramref name="halves"/> of its value. Sum and
    /// balance are linear; the quotients are monotone in each operand while the denominator keeps its sign, so their
    /// extremes are at the four corners. Null when the denominator's interval reaches 0 (no bounded range).
    /// </summary>
    private static (decimal? Low, decimal? High) RoundingRange(string kind, decimal[] v, decimal[] halves, Func<IReadOnlyList<decimal>, decimal> formula)
    {
        switch (kind)
        {
            case "sum":
                return (formula(v.Select((x, i) => x - halves[i]).ToArray()), formula(v.Select((x, i) => x + halves[i]).ToArray()));
            case "balance":
                return (formula([v[0] - halves[0], v[1] + halves[1]]), formula([v[0] + halves[0], v[1] - halves[1]]));
            default:
                if (Math.Sign(v[1] - halves[1]) != Math.Sign(v[1] + halves[1]) || v[1] - halves[1] == 0)
                {
                    return (null, null);
                }

                decimal[] corners =
                [
                    formula([v[0] - halves[0], v[1] - halves[1]]), formula([v[0] - halves[0], v[1] + halves[1]]),
                    formula([v[0] + halves[0], v[1] - halves[1]]), formula([v[0] + halves[0], v[1] + halves[1]]),
                ];
                return (corners.Min(), corners.Max());
        }
    }

    /// <summary>Half a unit in the last written digit of <paramref name="value"/>: 0.5 for 11, 0.0005 for 10.577.</summary>
    public static decimal HalfUnit(decimal value) => 0.5m / Pow10(value.Scale);

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++)
        {
            p *= 10m;
        }

        return p;
    }
}
