using System.Text.Json.Serialization;

namespace Barometer.Analysis.Charts;

/// <summary>A plotly.js trace; <see cref="Type"/> is fixed by the subtype. Serialised as its runtime type.</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(Scatter))]
[JsonDerivedType(typeof(Bar))]
[JsonDerivedType(typeof(Table))]
public abstract record Trace : PlotlyObject
{
    protected Trace(string type) => Type = type;

    [JsonPropertyName("type"), JsonPropertyOrder(-2)] public string Type { get; }
    [JsonPropertyName("name"), JsonPropertyOrder(-1)] public string? Name { get; init; }
    [JsonPropertyName("showlegend")] public bool? ShowLegend { get; init; }
    [JsonPropertyName("legendgroup")] public string? LegendGroup { get; init; }
    /// <summary><c>true</c>, <c>false</c> or <c>"legendonly"</c>.</summary>
    [JsonPropertyName("visible")] public object? Visible { get; init; }
}

/// <summary>Attributes shared by the cartesian traces (scatter, bar).</summary>
public abstract record XYTrace : Trace
{
    protected XYTrace(string type) : base(type) { }

    /// <summary>Positions; a null element is a gap (no value).</summary>
    [JsonPropertyName("x")] public IReadOnlyList<object?>? X { get; init; }
    [JsonPropertyName("y")] public IReadOnlyList<object?>? Y { get; init; }
    [JsonPropertyName("text")] public OneOrMany<string>? Text { get; init; }
    [JsonPropertyName("textposition")] public OneOrMany<string>? TextPosition { get; init; }
    [JsonPropertyName("textfont")] public Font? TextFont { get; init; }
    [JsonPropertyName("hovertext")] public OneOrMany<string>? HoverText { get; init; }
    /// <summary>e.g. <c>%{customdata[0]}&lt;extra&gt;&lt;/extra&gt;</c>; substituted values are not escaped by plotly.</summary>
    [JsonPropertyName("hovertemplate")] public OneOrMany<string>? HoverTemplate { get; init; }
    /// <summary>Per-point extra values for <see cref="HoverTemplate"/>.</summary>
    [JsonPropertyName("customdata")] public IReadOnlyList<object?>? CustomData { get; init; }
    [JsonPropertyName("marker")] public Marker? Marker { get; init; }
    [JsonPropertyName("cliponaxis")] public bool? ClipOnAxis { get; init; }
    [JsonPropertyName("xaxis")] public string? XAxisId { get; init; }
    [JsonPropertyName("yaxis")] public string? YAxisId { get; init; }
}

/// <summary>A <c>scatter</c> trace: markers, lines (straight or steps via <see cref="Charts.Line.Shape"/> <c>hv</c>), text.</summary>
public sealed record Scatter() : XYTrace("scatter")
{
    /// <summary><c>lines</c>, <c>markers</c>, <c>lines+markers</c>, <c>markers+text</c>, <c>none</c>…</summary>
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    [JsonPropertyName("line")] public Line? Line { get; init; }
    /// <summary>False (plotly's default) leaves a gap where a value is null.</summary>
    [JsonPropertyName("connectgaps")] public bool? ConnectGaps { get; init; }
    [JsonPropertyName("fill")] public string? Fill { get; init; }
    [JsonPropertyName("fillcolor")] public string? FillColor { get; init; }
}

/// <summary>A <c>bar</c> trace.</summary>
public sealed record Bar() : XYTrace("bar")
{
    /// <summary><c>v</c> or <c>h</c>.</summary>
    [JsonPropertyName("orientation")] public string? Orientation { get; init; }
    [JsonPropertyName("width")] public OneOrMany<double>? Width { get; init; }
    [JsonPropertyName("offsetgroup")] public string? OffsetGroup { get; init; }
    [JsonPropertyName("texttemplate")] public string? TextTemplate { get; init; }
    [JsonPropertyName("insidetextanchor")] public string? InsideTextAnchor { get; init; }
}

/// <summary>A <c>table</c> trace.</summary>
public sealed record Table() : Trace("table")
{
    [JsonPropertyName("header")] public TableCells? Header { get; init; }
    [JsonPropertyName("cells")] public TableCells? Cells { get; init; }
    /// <summary>Relative column widths.</summary>
    [JsonPropertyName("columnwidth")] public IReadOnlyList<double>? ColumnWidth { get; init; }
    [JsonPropertyName("domain")] public Domain? Domain { get; init; }
}
