namespace Barometer.Kernel.Widgets;

/// <summary>A slider of integers (ipywidgets' <c>IntSlider</c>; defaults 0 to 100, step 1).</summary>
public sealed class IntSlider : Slider<int, int>
{
    /// <summary>Creates a slider from 0 to 100 at 0; set <c>Min</c>, <c>Max</c>, <c>Step</c>, <c>Value</c> in an initializer.</summary>
    public IntSlider()
        : base("IntSlider", 0, 0, 100, 1, "d")
    {
    }

    /// <inheritdoc />
    protected override int Coerce(int value) => Clamp(value);
}
