namespace Barometer.Kernel.Widgets;

/// <summary>A row of widgets (ipywidgets' <c>HBox</c>).</summary>
public sealed class HBox : Box
{
    /// <summary>Creates a row holding <paramref name="children"/>.</summary>
    public HBox(params IEnumerable<Widget> children)
        : base("HBox", children)
    {
    }
}
