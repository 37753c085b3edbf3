using System.Globalization;

namespace Barometer.Analysis.Model;

/// <summary>The measures a report prints; the vocabulary of <c>published_values.csv</c>'s <c>measure</c> column.</summary>
public static class Measures
{
    /// <summary>A relationship's aggregate index as printed in its section header (or the publisher's page).</summary>
    public const string Index = "index";
    public const string Positive = "positive";
    public const string Negative = "negative";
    /// <summary>The "Total" row of a relationship's catalogue in Appendix 1.</summary>
    public const string CatalogueTotal = "catalogue_total";
    public const string NationalSecurity = "national_security";
    public const string RegionalTension = "regional_tension";
    public const string RegionalTensionColour = "regional_tension_colour";

    public static readonly IReadOnlySet<string> PartnerMeasures =
        new HashSet<string> { Index, Positive, Negative, CatalogueTotal };

    public static readonly IReadOnlySet<string> SecurityMeasures =
        new HashSet<string> { NationalSecurity, RegionalTension, RegionalTensionColour };

    public static bool IsKnown(string measure) => PartnerMeasures.Contains(measure) || SecurityMeasures.Contains(measure);
}

/// <summary>A value a publisher printed, with where it was printed. Colours are text, every other measure a number.</summary>
public sealed record PublishedValue(
    string Series, int Issue, string Measure, string? PartnerCode, string Value, string Source, string? Note)
{
    public int? NumericValue => ParseInteger(Value);

    /// <summary>A published number as text (<c>-14</c>, <c>+5</c>) read as an integer, culture-independently; null when it is not one.</summary>
    public static int? ParseInteger(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
