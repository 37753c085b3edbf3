namespace Barometer.Analysis.Charts;

/// <summary>
/// The small chart API over the typed traces: build traces with <see cref="Chart"/>, combine them into a
/// <see cref="Figure"/>, and adjust the figure with the <c>With…</c> extensions. Everything returns new values.
/// </summary>
public static class Chart
{
    /// <summary>A figure of <paramref name="traces"/> with a responsive config and no plotly logo.</summary>
    public static Figure Combine(params IEnumerable<Trace> traces) => new()
    {
        Data = traces.ToArray(),
        Config = new Config { Responsive = true, DisplayLogo = false },
    };

    /// <summary>A vertical bar per (x, y).</summary>
    public static Bar Bar<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null) =>
        new() { X = Values(x), Y = Values(y), Name = name };

    /// <summary>A line through the points; a null y leaves a gap (never bridged).</summary>
    public static Scatter Line<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, bool markers = true) =>
        new() { X = Values(x), Y = Values(y), Name = name, Mode = markers ? "lines+markers" : "lines", ConnectGaps = false };

    /// <summary>A step line: each value holds until the next x (plotly's <c>line.shape = "hv"</c>).</summary>
    public static Scatter StepLine<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, bool markers = true) =>
        Line(x, y, name, markers) with { Line = new Line { Shape = "hv" } };

    /// <summary>Markers only.</summary>
    public static Scatter Markers<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null) =>
        new() { X = Values(x), Y = Values(y), Name = name, Mode = "markers" };

    /// <summary>A table: <paramref name="columns"/> are the header texts, <paramref name="rows"/> the cell texts row by row.</summary>
    public static Table Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var rowList = rows.ToArray();
        return new Table
        {
            Header = new TableCells { Values = columns.Select(c => (IReadOnlyList<object?>)[c]).ToArray() },
            Cells = new TableCells
            {
                Values = Enumerable.Range(0, columns.Count)
                    .Select(i => (IReadOnlyList<object?>)rowList.Select(r => i < r.Count ? r[i] : null).ToArray())
                    .ToArray(),
            },
        };
    }

    private static IReadOnlyList<object?> Values<T>(IEnumerable<T> values) => values.Select(v => (object?)v).ToArray();
}

/// <summary>Derivations of a <see cref="Figure"/>'s layout and config.</summary>
public static class FigureExtensions
{
    public static Figure WithTitle(this Figure f, string text, string? subtitle = null) => f with
    {
        Layout = f.Layout with
        {
            Title = new Title { Text = text, Subtitle = subtitle is null ? null : new Subtitle { Text = subtitle } },
        },
    };

    public static Figure WithLayout(this Figure f, Func<Layout, Layout> change) => f with { Layout = change(f.Layout) };

    public static Figure WithXAxis(this Figure f, Axis axis) => f with { Layout = f.Layout with { XAxis = axis } };

    public static Figure WithYAxis(this Figure f, Axis axis) => f with { Layout = f.Layout with { YAxis = axis } };

    public static Figure WithShapes(this Figure f, params IEnumerable<Shape> shapes) =>
        f with { Layout = f.Layout with { Shapes = [.. f.Layout.Shapes ?? [], .. shapes] } };

    public static Figure WithAnnotations(this Figure f, params IEnumerable<Annotation> annotations) =>
        f with { Layout = f.Layout with { Annotations = [.. f.Layout.Annotations ?? [], .. annotations] } };

    public static Figure WithLegend(this Figure f, Legend legend) => f with { Layout = f.Layout with { Legend = legend } };

    public static Figure WithMargin(this Figure f, Margin margin) => f with { Layout = f.Layout with { Margin = margin } };

    /// <summary>What the chart's camera button downloads (<paramref name="filename"/> without extension).</summary>
    public static Figure WithImageButton(this Figure f, string filename, int width, int height) => f with
    {
        Config = (f.Config ?? new Config()) with
        {
            ToImageButtonOptions = new ToImageButtonOptions { Format = "png", Filename = filename, Width = width, Height = height, Scale = 2 },
        },
    };
}
