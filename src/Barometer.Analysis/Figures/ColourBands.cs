using System.Globalization;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Figures;

/// <summary>
/// Where the colour bands of the regional-tension scale lie on a continuous axis, following the scale's own rule: a
/// value in the gap between two bands takes the less severe one, so the boundary lies half a point above the more
/// severe band's ceiling. Unbounded ends are clipped to the axis range.
/// </summary>
public sealed record BandSpan(ColourBand Band, double Bottom, double Top, string ClassifiedRange)
{
    public double Middle => (Bottom + Top) / 2;
}

public static class ColourBands
{
    /// <summary>The bands' spans within [<paramref name="axisMin"/>, <paramref name="axisMax"/>], least severe first.</summary>
    public static IReadOnlyList<BandSpan> Spans(ColourScale scale, double axisMin, double axisMax)
    {
        var bands = scale.Bands;
        var spans = new List<BandSpan>();
        for (var i = 0; i < bands.Count; i++)
        {
            var top = i == 0 ? axisMax : Math.Min(axisMax, bands[i].Max!.Value + 0.5);
            var bottom = i == bands.Count - 1 ? axisMin : Math.Max(axisMin, bands[i + 1].Max!.Value + 0.5);
            spans.Add(new BandSpan(bands[i], bottom, top, ClassifiedRange(scale, i)));
        }
        return spans;
    }

    /// <summary>The integers a band is given by <see cref="ColourScale.Classify"/>, e.g. <c>-1 and higher</c>, <c>-6 to -2</c>.</summary>
    public static string ClassifiedRange(ColourScale scale, int index)
    {
        var bands = scale.Bands;
        int? low = index == bands.Count - 1 ? bands[index].Min : bands[index + 1].Max!.Value + 1;
        int? high = index == 0 ? null : bands[index].Max;
        static string S(int v) => v.ToString(CultureInfo.InvariantCulture);
        return (low, high) switch
        {
            (null, null) => "all values",
            (null, { } h) => $"{S(h)} and lower",
            ({ } l, null) => $"{S(l)} and higher",
            ({ } l, { } h) when l == h => S(l),
            ({ } l, { } h) => $"{S(l)} to {S(h)}",
        };
    }
}
