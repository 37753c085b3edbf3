using System.Globalization;

namespace Barometer.Analysis.Datasets;

/// <summary>
/// One quantity a source document states: a row of a measurement table of <c>data/external</c> (trade, arms
/// transfers, defence, finance, energy, sanctions, and any table added later with the same columns). The value is
/// kept exactly as stated: <see cref="Value"/> in <see cref="Unit"/>, <see cref="Currency"/> and <see cref="Scale"/>
/// ("USD 10.577 billion" is 10.577, USD, billion). <see cref="ValueInOnes"/> converts it to base units; that
/// conversion lives here, in code, never in the data. Empty cells are <c>null</c>.
/// </summary>
/// <param name="Id">Row id, e.g. <c>TR-043</c>; unique across all measurement tables.</param>
/// <param name="Table">The table, named by its file stem (<c>trade</c>, <c>finance</c>, …).</param>
/// <param name="Reporter">The actor from whose side the figure is stated (exporter, importer, lender, sanctioning authority…).</param>
/// <param name="Partner">The counterpart; <c>null</c> when there is none.</param>
/// <param name="Indicator">What is measured (per-table vocabulary).</param>
/// <param name="Item">Commodity, weapon system, project or sub-aggregate; <c>null</c> when the indicator says it all.</param>
/// <param name="Flow"><c>export</c>, <c>import</c>, <c>turnover</c>, <c>balance</c> or <c>null</c> (not a flow).</param>
/// <param name="Period">The period the value refers to, with its wording in the source.</param>
/// <param name="Qualifier">Precision or bound (<c>about</c>, <c>more_than</c>, <c>range_low</c>…); <c>null</c> = exact as stated.</param>
/// <param name="Value">The number as stated (decimal, never converted).</param>
/// <param name="Unit">Unit of <see cref="Value"/>: <c>currency</c>, <c>tonnes</c>, <c>percent</c>, <c>ratio</c>, <c>units</c>, <c>persons</c>…</param>
/// <param name="Currency">ISO 4217 code when <see cref="Unit"/> is a currency unit, else <c>null</c>.</param>
/// <param name="Scale"><c>thousand</c>, <c>million</c>, <c>billion</c>, or <c>null</c> for ones.</param>
/// <param name="Source">Provenance: <c>&lt;source id&gt;#&lt;section&gt;</c>, the id a row of <c>sources.csv</c> (the full citation).</param>
/// <param name="Context">What the number is, paraphrased (the <c>quote_context</c> column).</param>
public sealed record Measurement(
    string Id,
    string Table,
    string Reporter,
    string? Partner,
    string Indicator,
    string? Item,
    string? Flow,
    MeasurementPeriod Period,
    string? Qualifier,
    decimal Value,
    string Unit,
    string? Currency,
    string? Scale,
    string Source,
    string Context)
{
    /// <summary>
    /// <see cref="Value"/> × the factor of <see cref="Scale"/> (thousand = 10³, million = 10⁶, billion = 10⁹): the value
    /// in base units (USD, tonnes, persons…). Computed here, never stored in the data, so the data keep the number as
    /// the source states it.
    /// </summary>
    public decimal ValueInOnes => Value * Scales.Factor(Scale);

    /// <summary>The value expressed in another <paramref name="scale"/> (<c>null</c> = ones), e.g. millions for a chart axis.</summary>
    public decimal ValueIn(string? scale) => ValueInOnes / Scales.Factor(scale);

    /// <summary>Unit, currency and scale as one label, e.g. <c>USD billion</c>, <c>million tonnes</c>, <c>percent</c>.</summary>
    public string UnitLabel => Scales.UnitLabel(Unit, Currency, Scale);
}

/// <summary>The period a measurement refers to: first and last day (equal for a point in time) and the source's wording.</summary>
public sealed record MeasurementPeriod(DateOnly Start, DateOnly End, string Text)
{
    /// <summary>The calendar year, when the period lies within one year; <c>null</c> when it spans several.</summary>
    public int? Year => Start.Year == End.Year ? Start.Year : null;

    /// <summary>True when the period is exactly one calendar year (1 January to 31 December).</summary>
    public bool IsCalendarYear => Start.Month == 1 && Start.Day == 1 && End.Month == 12 && End.Day == 31 && Start.Year == End.Year;

    /// <summary><c>2016-01-01..2016-12-31</c>, or one date for a point in time (how a table cell shows it).</summary>
    public override string ToString() =>
        Start == End ? Iso(Start) : $"{Iso(Start)}..{Iso(End)}";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The multipliers of the <c>scale</c> column. Base-unit conversion is code, not data.</summary>
public static class Scales
{
    /// <summary>The scales the data may use, with their factors; <c>null</c> (an empty cell) means ones.</summary>
    public static IReadOnlyDictionary<string, decimal> Factors { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["thousand"] = 1_000m,
        ["million"] = 1_000_000m,
        ["billion"] = 1_000_000_000m,
    };

    /// <summary>The factor of <paramref name="scale"/>: 1 for <c>null</c> or empty, 10³, 10⁶ or 10⁹.</summary>
    /// <exception cref="ArgumentException">An unknown scale.</exception>
    public static decimal Factor(string? scale) =>
        string.IsNullOrEmpty(scale) ? 1m
        : Factors.TryGetValue(scale, out var factor) ? factor
        : throw new ArgumentException($"unknown scale '{scale}' (known: {string.Join(", ", Factors.Keys)}, or empty for ones)", nameof(scale));

    /// <summary>A readable unit: <c>USD billion</c>, <c>USD per tonne</c>, <c>million tonnes</c>, <c>percent</c>, <c>thousand persons</c>.</summary>
    public static string UnitLabel(string unit, string? currency, string? scale)
    {
        var what = unit switch
        {
            "currency" => currency ?? "currency",
            "currency_per_tonne" => $"{currency ?? "currency"} per tonne",
            _ => unit,
        };
        if (string.IsNullOrEmpty(scale))
        {
            return what;
        }

        return unit == "currency" ? $"{what} {scale}" : $"{scale} {what}";
    }
}
