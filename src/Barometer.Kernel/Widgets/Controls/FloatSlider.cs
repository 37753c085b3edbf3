namespace Barometer.Kernel.Widgets;

/// <summary>A slider of real numbers (ipywidgets' <c>FloatSlider</c>; defaults 0 to 100, step 0.1, readout <c>.2f</c>).</summary>
public sealed class FloatSlider : Slider<double, double>
{
    /// <summary>Creates a slider from 0 to 100 at 0; set <c>Min</c>, <c>Max</c>, <c>Step</c>, <c>Value</c> in an initializer.</summary>
    public FloatSlider()
        : base("FloatSlider", 0.0, 0.0, 100.0, 0.1, ".2f")
    {
    }

    /// <inheritdoc />
    protected override double Coerce(double value) => Clamp(value);
}
