using System.Globalization;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// Where the colour bands of the regional-tension scale lie on a continuous axis, following the scale's own rule: a
/// value in the gap between two bands takes the less severe one, so the boundary lies half a point above the more
/// severe band's ceiling. Unbounded ends are clipped to the axis range.
/// </summary>
internal sealed record BandSpan(ColourBand Band, double Bottom, double Top, string ClassifiedRange)
{
    public double Middle => (Bottom + Top) / 2;
}

internal static class ColourBands
{
    /// <summary>
    /// The value axis of a chart drawn over the bands: from 3 below the lowest of <paramref name="values"/> and the most
    /// severe band's ceiling, to 3 above the highest of <paramref name="values"/> and 0.
    /// </summary>
    public static (double Min, double Max) AxisRange(ColourScale scale, IEnumerable<int> values)
    {
        var known = values.ToArray();
        var lowest = Math.Min(known.DefaultIfEmpty(0).Min(), scale.Bands[^1].Max ?? 0);
        var highest = Math.Max(known.DefaultIfEmpty(0).Max(), 0);
        return (lowest - 3, highest + 3);
    }

    /// <summary>A filled rectangle per band, behind the traces, from <paramref name="x0"/> to <paramref name="x1"/> in <paramref name="xRef"/> coordinates.</summary>
    public static IEnumerable<DynamicObj.DynamicObj> Shapes(IEnumerable<BandSpan> spans, string xRef, double x0, double x1) =>
        spans.Select(b => Object(
            ("type", "rect"), ("xref", xRef), ("yref", "y"), ("x0", x0), ("x1", x1), ("y0", b.Bottom), ("y1", b.Top),
            ("fillcolor", BandFill(b.Band.Colour)), ("layer", "below"), ("line", Object(("width", 0))), ("name", b.Band.Colour)));

    /// <summary>
    /// A label "Colour (classified range)" in the middle of each band tall enough for one, at <paramref name="x"/> in
    /// <paramref name="xRef"/> coordinates, anchored by <paramref name="xAnchor"/> and shifted by <paramref name="xShift"/> pixels.
    /// </summary>
    public static IEnumerable<DynamicObj.DynamicObj> Labels(IEnumerable<BandSpan> spans, double x, string xRef, string xAnchor, double xShift = 0) =>
        spans.Where(b => b.Top - b.Bottom >= 1.5).Select(b => Object(
            ("text", $"{PlotlyText.Escape(b.Band.Colour)} ({PlotlyText.Escape(b.ClassifiedRange)})"),
            ("x", x), ("xref", xRef), ("xanchor", xAnchor), ("xshift", xShift),
            ("y", b.Middle), ("yref", "y"), ("showarrow", false),
            ("font", Object(("size", 11), ("color", Muted)))));

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
        static string S(int v) => v < 0 ? Minus + (-(long)v).ToString(CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
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
