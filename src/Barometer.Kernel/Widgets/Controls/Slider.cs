using System.Numerics;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// What the sliders share (<see cref="IntSlider"/>, <see cref="FloatSlider"/>, <see cref="IntRangeSlider"/>): a range
/// with a step, orientation, readout, and whether the value is sent while dragging. The value is clamped to the range
/// when the slider opens (so an object initializer may set <c>Value</c> before <c>Max</c>), and from then on whenever
/// the value or the range is set.
/// </summary>
/// <typeparam name="TNumber">The number type of the range.</typeparam>
/// <typeparam name="TValue">The value's type (a number, or a pair for a range slider).</typeparam>
public abstract class Slider<TNumber, TValue> : ValueWidget<TValue, SliderStyle>
    where TNumber : INumber<TNumber>
{
    /// <summary>Creates a slider over [<paramref name="min"/>, <paramref name="max"/>].</summary>
    protected Slider(string name, TValue initial, TNumber min, TNumber max, TNumber step, string readoutFormat)
        : base(name, initial)
    {
        Define("behavior", "drag-tap");
        Define("continuous_update", true);
        Define("disabled", false);
        Define("max", max);
        Define("min", min);
        Define("orientation", "horizontal");
        Define("readout", true);
        Define("readout_format", readoutFormat);
        Define("step", step);
    }

    /// <summary>The smallest value.</summary>
    public TNumber Min
    {
        get => Get<TNumber>("min");
        set
        {
            Set("min", value);
            CoerceWhenOpen();
        }
    }

    /// <summary>The largest value.</summary>
    public TNumber Max
    {
        get => Get<TNumber>("max");
        set
        {
            Set("max", value);
            CoerceWhenOpen();
        }
    }

    /// <summary>The step between values.</summary>
    public TNumber Step { get => Get<TNumber>("step"); set => Set("step", value); }

    /// <summary>Whether the control is greyed out and ignores input.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary><c>horizontal</c> or <c>vertical</c>.</summary>
    public string Orientation { get => Get<string>("orientation"); set => Set("orientation", value); }

    /// <summary>Whether the value is shown beside the slider.</summary>
    public bool Readout { get => Get<bool>("readout"); set => Set("readout", value); }

    /// <summary>The readout's d3-format, e.g. <c>d</c>, <c>.2f</c>, <c>.0%</c>.</summary>
    public string ReadoutFormat { get => Get<string>("readout_format"); set => Set("readout_format", value); }

    /// <summary>Whether the value is sent while the handle is dragged (true) or only when it is released (false).</summary>
    public bool ContinuousUpdate { get => Get<bool>("continuous_update"); set => Set("continuous_update", value); }

    /// <summary>How the handle moves: <c>drag-tap</c>, <c>drag-snap</c>, <c>tap</c>, <c>drag</c>, <c>snap</c>.</summary>
    public string Behavior { get => Get<string>("behavior"); set => Set("behavior", value); }

    /// <inheritdoc />
    protected override void OnOpening() => Value = Coerce(Value);

    /// <summary>A number clamped to [<see cref="Min"/>, <see cref="Max"/>].</summary>
    protected TNumber Clamp(TNumber number) => TNumber.Max(Min, TNumber.Min(Max, number));

    private void CoerceWhenOpen()
    {
        if (IsOpen)
        {
            Value = Coerce(Value);
        }
    }
}
