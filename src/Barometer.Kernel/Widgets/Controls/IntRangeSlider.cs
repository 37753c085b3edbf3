namespace Barometer.Kernel.Widgets;

/// <summary>
/// A slider of an integer range with two handles (ipywidgets' <c>IntRangeSlider</c>): <c>Value</c> is
/// <c>(Lower, Upper)</c>, kept ordered and within [<c>Min</c>, <c>Max</c>].
/// </summary>
public sealed class IntRangeSlider : Slider<int, (int Lower, int Upper)>
{
    /// <summary>Creates a slider from 0 to 100 with the range (25, 75); set <c>Value</c> in an initializer.</summary>
    public IntRangeSlider()
        : base("IntRangeSlider", (25, 75), 0, 100, 1, "d")
    {
    }

    /// <inheritdoc />
    protected override (int Lower, int Upper) Coerce((int Lower, int Upper) value)
    {
        var (lower, upper) = value.Lower <= value.Upper ? value : (value.Upper, value.Lower);
        return (Clamp(lower), Clamp(upper));
    }
}
