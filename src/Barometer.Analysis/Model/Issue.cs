using System.Globalization;

namespace Barometer.Analysis.Model;

/// <summary>A publication series: the Minsk Barometer, or the BISS Foreign Policy Index before it.</summary>
public static class Series
{
    public const string MinskBarometer = "minsk_barometer";
    public const string BissForeignPolicyIndex = "biss_fpi";
}

/// <summary>The reporting period of an issue: both ends inclusive.</summary>
public readonly record struct Period(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}");
}

/// <summary>One issue of a series (e.g. Minsk Barometer No 18, November–December 2020).</summary>
public sealed record Issue(string Series, int Number, Period Period, string Title, string Source, string? Note = null);
