using System.Text.Json.Serialization;

namespace Barometer.Analysis.Charts;

// The plotly.js objects shared by traces and layout. Property names are plotly.js's own attribute names
// (https://plotly.com/javascript/reference/); each appears here once. Unset properties are omitted.

/// <summary><c>font</c>: family, size, colour.</summary>
public sealed record Font : PlotlyObject
{
    [JsonPropertyName("family")] public string? Family { get; init; }
    [JsonPropertyName("size")] public double? Size { get; init; }
    [JsonPropertyName("color")] public string? Color { get; init; }
    [JsonPropertyName("weight")] public string? Weight { get; init; }
}

/// <summary>A <c>title</c> object (plotly.js 3+ accepts only the object form).</summary>
public sealed record Title : PlotlyObject
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("font")] public Font? Font { get; init; }
    [JsonPropertyName("x")] public double? X { get; init; }
    [JsonPropertyName("xanchor")] public string? XAnchor { get; init; }
    [JsonPropertyName("subtitle")] public Subtitle? Subtitle { get; init; }
    [JsonPropertyName("standoff")] public double? Standoff { get; init; }

    public static implicit operator Title(string text) => new() { Text = text };
}

/// <summary><c>layout.title.subtitle</c>.</summary>
public sealed record Subtitle : PlotlyObject
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("font")] public Font? Font { get; init; }
}

/// <summary><c>layout.margin</c> in pixels.</summary>
public sealed record Margin : PlotlyObject
{
    [JsonPropertyName("l")] public int? Left { get; init; }
    [JsonPropertyName("r")] public int? Right { get; init; }
    [JsonPropertyName("t")] public int? Top { get; init; }
    [JsonPropertyName("b")] public int? Bottom { get; init; }
    [JsonPropertyName("pad")] public int? Pad { get; init; }
}

/// <summary>A <c>line</c>: a scatter trace's line, a marker's outline or a shape's border.</summary>
public sealed record Line : PlotlyObject
{
    [JsonPropertyName("color")] public string? Color { get; init; }
    [JsonPropertyName("width")] public double? Width { get; init; }
    /// <summary><c>solid</c>, <c>dot</c>, <c>dash</c>, <c>longdash</c>, <c>dashdot</c>…</summary>
    [JsonPropertyName("dash")] public string? Dash { get; init; }
    /// <summary><c>linear</c>, <c>spline</c>, <c>hv</c> (step: horizontal then vertical), <c>vh</c>, <c>hvh</c>, <c>vhv</c>.</summary>
    [JsonPropertyName("shape")] public string? Shape { get; init; }
}

/// <summary>A trace's <c>marker</c>; colour, symbol and size may be per point.</summary>
public sealed record Marker : PlotlyObject
{
    [JsonPropertyName("color")] public OneOrMany<string>? Color { get; init; }
    [JsonPropertyName("symbol")] public OneOrMany<string>? Symbol { get; init; }
    [JsonPropertyName("size")] public OneOrMany<double>? Size { get; init; }
    [JsonPropertyName("opacity")] public double? Opacity { get; init; }
    [JsonPropertyName("line")] public Line? Line { get; init; }
}

/// <summary>A cartesian axis (<c>layout.xaxis</c>, <c>layout.yaxis</c>).</summary>
public sealed record Axis : PlotlyObject
{
    [JsonPropertyName("title")] public Title? Title { get; init; }
    /// <summary><c>linear</c>, <c>date</c>, <c>category</c>, <c>log</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("range")] public IReadOnlyList<object>? Range { get; init; }
    [JsonPropertyName("autorange")] public object? AutoRange { get; init; }
    [JsonPropertyName("rangemode")] public string? RangeMode { get; init; }
    [JsonPropertyName("zeroline")] public bool? ZeroLine { get; init; }
    [JsonPropertyName("zerolinecolor")] public string? ZeroLineColor { get; init; }
    [JsonPropertyName("zerolinewidth")] public double? ZeroLineWidth { get; init; }
    [JsonPropertyName("showgrid")] public bool? ShowGrid { get; init; }
    [JsonPropertyName("gridcolor")] public string? GridColor { get; init; }
    [JsonPropertyName("showline")] public bool? ShowLine { get; init; }
    [JsonPropertyName("linecolor")] public string? LineColor { get; init; }
    [JsonPropertyName("tickmode")] public string? TickMode { get; init; }
    [JsonPropertyName("tickvals")] public IReadOnlyList<object>? TickVals { get; init; }
    [JsonPropertyName("ticktext")] public IReadOnlyList<string>? TickText { get; init; }
    [JsonPropertyName("dtick")] public object? DTick { get; init; }
    [JsonPropertyName("tickformat")] public string? TickFormat { get; init; }
    [JsonPropertyName("tickprefix")] public string? TickPrefix { get; init; }
    [JsonPropertyName("hoverformat")] public string? HoverFormat { get; init; }
    [JsonPropertyName("showticklabels")] public bool? ShowTickLabels { get; init; }
    [JsonPropertyName("automargin")] public bool? AutoMargin { get; init; }
    [JsonPropertyName("fixedrange")] public bool? FixedRange { get; init; }
    [JsonPropertyName("domain")] public IReadOnlyList<double>? Domain { get; init; }
}

/// <summary><c>layout.legend</c>.</summary>
public sealed record Legend : PlotlyObject
{
    [JsonPropertyName("title")] public Title? Title { get; init; }
    /// <summary><c>v</c> or <c>h</c>.</summary>
    [JsonPropertyName("orientation")] public string? Orientation { get; init; }
    [JsonPropertyName("x")] public double? X { get; init; }
    [JsonPropertyName("y")] public double? Y { get; init; }
    [JsonPropertyName("xanchor")] public string? XAnchor { get; init; }
    [JsonPropertyName("yanchor")] public string? YAnchor { get; init; }
    [JsonPropertyName("traceorder")] public string? TraceOrder { get; init; }
    [JsonPropertyName("bgcolor")] public string? BgColor { get; init; }
}

/// <summary>A <c>layout.shapes</c> item: a rectangle or line in data or paper coordinates.</summary>
public sealed record Shape : PlotlyObject
{
    /// <summary><c>rect</c>, <c>line</c>, <c>circle</c>, <c>path</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    /// <summary><c>x</c> (data) or <c>paper</c> (0..1 of the plot area).</summary>
    [JsonPropertyName("xref")] public string? XRef { get; init; }
    [JsonPropertyName("yref")] public string? YRef { get; init; }
    [JsonPropertyName("x0")] public object? X0 { get; init; }
    [JsonPropertyName("x1")] public object? X1 { get; init; }
    [JsonPropertyName("y0")] public object? Y0 { get; init; }
    [JsonPropertyName("y1")] public object? Y1 { get; init; }
    [JsonPropertyName("fillcolor")] public string? FillColor { get; init; }
    [JsonPropertyName("opacity")] public double? Opacity { get; init; }
    [JsonPropertyName("line")] public Line? Line { get; init; }
    /// <summary><c>below</c> draws the shape behind the traces.</summary>
    [JsonPropertyName("layer")] public string? Layer { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>A <c>layout.annotations</c> item.</summary>
public sealed record Annotation : PlotlyObject
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("x")] public object? X { get; init; }
    [JsonPropertyName("y")] public object? Y { get; init; }
    [JsonPropertyName("xref")] public string? XRef { get; init; }
    [JsonPropertyName("yref")] public string? YRef { get; init; }
    [JsonPropertyName("xanchor")] public string? XAnchor { get; init; }
    [JsonPropertyName("yanchor")] public string? YAnchor { get; init; }
    [JsonPropertyName("xshift")] public double? XShift { get; init; }
    [JsonPropertyName("yshift")] public double? YShift { get; init; }
    [JsonPropertyName("showarrow")] public bool? ShowArrow { get; init; }
    [JsonPropertyName("align")] public string? Align { get; init; }
    [JsonPropertyName("font")] public Font? Font { get; init; }
    [JsonPropertyName("bgcolor")] public string? BgColor { get; init; }
}

/// <summary>A <c>hoverlabel</c>.</summary>
public sealed record HoverLabel : PlotlyObject
{
    [JsonPropertyName("bgcolor")] public string? BgColor { get; init; }
    [JsonPropertyName("font")] public Font? Font { get; init; }
    [JsonPropertyName("align")] public string? Align { get; init; }
}

/// <summary>A trace's <c>domain</c> (fractions of the figure), used by tables.</summary>
public sealed record Domain : PlotlyObject
{
    [JsonPropertyName("x")] public IReadOnlyList<double>? X { get; init; }
    [JsonPropertyName("y")] public IReadOnlyList<double>? Y { get; init; }
}

/// <summary>A table's <c>fill</c>: one colour, one per column, or one per cell (columns of rows).</summary>
public sealed record Fill : PlotlyObject
{
    [JsonPropertyName("color")] public OneOrMany<OneOrMany<string>>? Color { get; init; }
}

/// <summary>A table's <c>header</c> or <c>cells</c>: <see cref="Values"/> are columns, each a list of rows.</summary>
public sealed record TableCells : PlotlyObject
{
    [JsonPropertyName("values")] public IReadOnlyList<IReadOnlyList<object?>>? Values { get; init; }
    [JsonPropertyName("align")] public OneOrMany<string>? Align { get; init; }
    [JsonPropertyName("fill")] public Fill? Fill { get; init; }
    [JsonPropertyName("font")] public Font? Font { get; init; }
    [JsonPropertyName("line")] public Line? Line { get; init; }
    [JsonPropertyName("height")] public double? Height { get; init; }
}

/// <summary><c>config.toImageButtonOptions</c>: what the camera button downloads.</summary>
public sealed record ToImageButtonOptions : PlotlyObject
{
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("filename")] public string? Filename { get; init; }
    [JsonPropertyName("width")] public int? Width { get; init; }
    [JsonPropertyName("height")] public int? Height { get; init; }
    [JsonPropertyName("scale")] public double? Scale { get; init; }
}

/// <summary>The figure's <c>config</c>.</summary>
public sealed record Config : PlotlyObject
{
    [JsonPropertyName("responsive")] public bool? Responsive { get; init; }
    [JsonPropertyName("displaylogo")] public bool? DisplayLogo { get; init; }
    [JsonPropertyName("displayModeBar")] public bool? DisplayModeBar { get; init; }
    [JsonPropertyName("staticPlot")] public bool? StaticPlot { get; init; }
    [JsonPropertyName("toImageButtonOptions")] public ToImageButtonOptions? ToImageButtonOptions { get; init; }
}

/// <summary>The figure's <c>layout</c>.</summary>
public sealed record Layout : PlotlyObject
{
    [JsonPropertyName("title")] public Title? Title { get; init; }
    [JsonPropertyName("xaxis")] public Axis? XAxis { get; init; }
    [JsonPropertyName("yaxis")] public Axis? YAxis { get; init; }
    [JsonPropertyName("legend")] public Legend? Legend { get; init; }
    [JsonPropertyName("showlegend")] public bool? ShowLegend { get; init; }
    [JsonPropertyName("margin")] public Margin? Margin { get; init; }
    [JsonPropertyName("font")] public Font? Font { get; init; }
    /// <summary><c>group</c>, <c>stack</c>, <c>relative</c> (diverging), <c>overlay</c>.</summary>
    [JsonPropertyName("barmode")] public string? BarMode { get; init; }
    [JsonPropertyName("bargap")] public double? BarGap { get; init; }
    /// <summary><c>closest</c>, <c>x</c>, <c>x unified</c>, <c>false</c>…</summary>
    [JsonPropertyName("hovermode")] public object? HoverMode { get; init; }
    [JsonPropertyName("hoverlabel")] public HoverLabel? HoverLabel { get; init; }
    [JsonPropertyName("shapes")] public IReadOnlyList<Shape>? Shapes { get; init; }
    [JsonPropertyName("annotations")] public IReadOnlyList<Annotation>? Annotations { get; init; }
    [JsonPropertyName("paper_bgcolor")] public string? PaperBgColor { get; init; }
    [JsonPropertyName("plot_bgcolor")] public string? PlotBgColor { get; init; }
    /// <summary>Fixed size in pixels; unset, the chart fills its container.</summary>
    [JsonPropertyName("width")] public int? Width { get; init; }
    [JsonPropertyName("height")] public int? Height { get; init; }
}
