namespace Barometer.Kernel.Widgets;

/// <summary>A drop-down list of options, one chosen (ipywidgets' <c>Dropdown</c>).</summary>
public sealed class Dropdown : Selection<DescriptionStyle>
{
    /// <summary>Creates an empty drop-down; set <c>Options</c> (and <c>Value</c>) in an initializer.</summary>
    public Dropdown()
        : base("Dropdown")
    {
    }
}
