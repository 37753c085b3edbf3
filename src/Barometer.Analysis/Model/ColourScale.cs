namespace Barometer.Analysis.Model;

/// <summary>One colour of the regional-tension scale with its inclusive integer bounds (null = unbounded).</summary>
public sealed record ColourBand(string Colour, int Order, int? Min, int? Max, string PublishedRange, string Interpretation, string Source)
{
    public bool Contains(int value) => (Min is null || value >= Min) && (Max is null || value <= Max);
}

/// <summary>
/// The colour scale of regional security tension (Appendix 3 of the issue-18 report), ordered from the
/// least severe band (White, highest values) to the most severe (Red, lowest values).
/// </summary>
/// <remarks>
/// <para><b>The published boundaries leave a gap.</b> Appendix 3 prints White as "higher than -1" and
/// Green as "from -2 to -6". Read literally, White is 0 and above and Green starts at -2, so an index of
/// exactly -1 has no colour. Decision: <b>a value that falls between two bands takes the less severe
/// band</b> (the one nearer zero), so -1 is White. Reason: Green's bound "-2" is printed as an explicit
/// number, while "higher than -1" is the only bound given as a comparison, and the other bands tile the
/// integers exactly; we do not move an explicit threshold the authors printed. The same rule applies to
/// any gap in an alternative scale (what-if thresholds), and it is tested.</para>
/// <para>The bands are data (<c>data/barometer/colour_scale.csv</c>) as published, not the decision.</para>
/// </remarks>
public sealed class ColourScale
{
    public ColourScale(IEnumerable<ColourBand> bands)
    {
        Bands = bands.OrderBy(b => b.Order).ToArray();
        if (Bands.Count == 0)
        {
            throw new ArgumentException("a colour scale needs at least one band", nameof(bands));
        }

        for (var i = 1; i < Bands.Count; i++)
        {
            var (upper, lower) = (Bands[i - 1], Bands[i]);
            if (upper.Min is null || lower.Max is null || lower.Max >= upper.Min)
            {
                throw new ArgumentException(
                    $"colour bands '{upper.Colour}' and '{lower.Colour}' overlap or are out of order: each band must lie wholly below the one before it");
            }
        }
    }

    /// <summary>Bands from least severe (highest values) to most severe.</summary>
    public IReadOnlyList<ColourBand> Bands { get; }

    /// <summary>The colour of <paramref name="value"/>; a value in a gap takes the less severe neighbouring band.</summary>
    public ColourBand Classify(int value)
    {
        // From the most severe band up: the first band whose ceiling is at or above the value. A value in a gap
        // lies above the more severe band's ceiling, so it falls through to the less severe band.
        for (var i = Bands.Count - 1; i >= 0; i--)
        {
            if (Bands[i].Max is null || value <= Bands[i].Max)
            {
                return Bands[i];
            }
        }

        return Bands[0]; // above a bounded least-severe band: clamp to it
    }

    /// <summary>
    /// Points the value must move to change colour: <c>ToMoreSevere</c> is negative (how far down to the next,
    /// more severe colour), <c>ToLessSevere</c> positive; null where there is no colour in that direction.
    /// </summary>
    public (int? ToMoreSevere, int? ToLessSevere) DistanceToNextColour(int value)
    {
        var band = Classify(value);
        var index = Bands.ToList().IndexOf(band);
        int? down = index < Bands.Count - 1 ? Bands[index + 1].Max!.Value - value : null;
        int? up = index > 0 ? band.Max!.Value + 1 - value : null;
        return (down, up);
    }
}
