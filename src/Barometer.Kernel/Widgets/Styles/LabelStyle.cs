namespace Barometer.Kernel.Widgets;

/// <summary>A label's style (<c>LabelStyleModel</c>).</summary>
public sealed class LabelStyle : Style
{
    /// <summary>Creates the style with every property at the view's default.</summary>
    public LabelStyle()
        : base("LabelStyleModel", [("background", null), ("description_width", ""), ("font_family", null), ("font_size", null), ("font_style", null), ("font_variant", null), ("font_weight", null), ("text_color", null), ("text_decoration", null)])
    {
    }

    /// <summary>CSS for <c>background</c>.</summary>
    public string? Background { get => GetCss("background"); set => SetCss("background", value); }

    /// <summary>CSS for <c>description_width</c> (empty: the default).</summary>
    public string? DescriptionWidth { get => GetCss("description_width"); set => SetCss("description_width", value ?? string.Empty); }

    /// <summary>CSS for <c>font_family</c>.</summary>
    public string? FontFamily { get => GetCss("font_family"); set => SetCss("font_family", value); }

    /// <summary>CSS for <c>font_size</c>.</summary>
    public string? FontSize { get => GetCss("font_size"); set => SetCss("font_size", value); }

    /// <summary>CSS for <c>font_style</c>.</summary>
    public string? FontStyle { get => GetCss("font_style"); set => SetCss("font_style", value); }

    /// <summary>CSS for <c>font_variant</c>.</summary>
    public string? FontVariant { get => GetCss("font_variant"); set => SetCss("font_variant", value); }

    /// <summary>CSS for <c>font_weight</c>.</summary>
    public string? FontWeight { get => GetCss("font_weight"); set => SetCss("font_weight", value); }

    /// <summary>CSS for <c>text_color</c>.</summary>
    public string? TextColor { get => GetCss("text_color"); set => SetCss("text_color", value); }

    /// <summary>CSS for <c>text_decoration</c>.</summary>
    public string? TextDecoration { get => GetCss("text_decoration"); set => SetCss("text_decoration", value); }
}
