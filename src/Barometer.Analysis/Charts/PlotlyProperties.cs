using DynamicObj;
using Plotly.NET;

namespace Barometer.Analysis.Charts;

/// <summary>
/// Terse access to Plotly.NET's dynamic objects for attributes its typed API does not reach (per-point symbols,
/// <c>customdata</c>, shapes below the traces, table fills per row…). Property names are plotly.js's own attribute
/// names; a null value leaves the attribute unset so plotly's default applies.
/// </summary>
public static class PlotlyProperties
{
    /// <summary>Sets <paramref name="name"/> on <paramref name="target"/> (unless <paramref name="value"/> is null) and returns it.</summary>
    public static T Set<T>(this T target, string name, object? value) where T : DynamicObj.DynamicObj
    {
        if (value is not null)
        {
            target.SetProperty(name, value);
        }

        return target;
    }

    /// <summary>A nested plotly object (<c>marker</c>, <c>font</c>, <c>axis</c>…) from name/value pairs; null values are skipped.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named after plotly's term: a nested plotly object, used in figure code as Object((name, value)...).")]
    public static DynamicObj.DynamicObj Object(params (string Name, object? Value)[] properties)
    {
        var o = new DynamicObj.DynamicObj();
        foreach (var (name, value) in properties)
        {
            o.Set(name, value);
        }

        return o;
    }

    /// <summary>A 2-D trace of plotly type <paramref name="type"/> (<c>scatter</c>, <c>bar</c>, <c>table</c>).</summary>
    public static Trace2D Trace(string type, params (string Name, object? Value)[] properties)
    {
        var t = new Trace2D(type);
        foreach (var (name, value) in properties)
        {
            t.Set(name, value);
        }

        return t;
    }

    /// <summary>A layout from name/value pairs.</summary>
    public static Layout Layout(params (string Name, object? Value)[] properties)
    {
        var l = new Layout();
        foreach (var (name, value) in properties)
        {
            l.Set(name, value);
        }

        return l;
    }

    /// <summary>The chart of <paramref name="traces"/> with <paramref name="layout"/> and <paramref name="config"/>, without Plotly.NET's default template.</summary>
    public static GenericChart Chart(IEnumerable<Trace> traces, Layout layout, Config? config = null)
    {
        var chart = GenericChart.ofTraceObjects(false, traces);
        chart = GenericChart.setLayout(layout, chart);
        return config is null ? chart : GenericChart.setConfig(config, chart);
    }

    /// <summary>A config: responsive, no plotly logo, and the camera button downloading <paramref name="fileName"/>.png at the given size.</summary>
    public static Config Config(string fileName, int width, int height)
    {
        var c = new Config();
        c.Set("responsive", true).Set("displaylogo", false)
         .Set("toImageButtonOptions", Object(("format", "png"), ("filename", fileName), ("width", width), ("height", height), ("scale", 2)));
        return c;
    }

    /// <summary>The layout of <paramref name="chart"/> (for reading back, e.g. in tests).</summary>
    public static Layout LayoutOf(GenericChart chart) => GenericChart.getLayout(chart);

    /// <summary>The traces of <paramref name="chart"/>.</summary>
    public static IReadOnlyList<Trace> TracesOf(GenericChart chart) => GenericChart.getTraces(chart).ToArray();
}
