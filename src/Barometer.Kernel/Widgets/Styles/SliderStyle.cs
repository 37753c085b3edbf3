namespace Barometer.Kernel.Widgets;

/// <summary>A slider's style (<c>SliderStyleModel</c>).</summary>
public sealed class SliderStyle : Style
{
    /// <summary>Creates the style with every property at the view's default.</summary>
    public SliderStyle()
        : base("SliderStyleModel", [("description_width", ""), ("handle_color", null)])
    {
    }

    /// <summary>CSS for <c>description_width</c> (empty: the default).</summary>
    public string? DescriptionWidth { get => GetCss("description_width"); set => SetCss("description_width", value ?? string.Empty); }

    /// <summary>CSS for <c>handle_color</c>.</summary>
    public string? HandleColor { get => GetCss("handle_color"); set => SetCss("handle_color", value); }
}
