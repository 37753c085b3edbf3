namespace Barometer.Kernel.Widgets;

/// <summary>A column of widgets (ipywidgets' <c>VBox</c>).</summary>
public sealed class VBox : Box
{
    /// <summary>Creates a column holding <paramref name="children"/>.</summary>
    public VBox(params IEnumerable<Widget> children)
        : base("VBox", children)
    {
    }
}
