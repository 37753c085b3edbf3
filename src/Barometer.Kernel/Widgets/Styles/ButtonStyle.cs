namespace Barometer.Kernel.Widgets;

/// <summary>A button's style (<c>ButtonStyleModel</c>).</summary>
public sealed class ButtonStyle : Style
{
    /// <summary>Creates the style with every property at the view's default.</summary>
    public ButtonStyle()
        : base("ButtonStyleModel", [("button_color", null), ("font_family", null), ("font_size", null), ("font_style", null), ("font_variant", null), ("font_weight", null), ("text_color", null), ("text_decoration", null)])
    {
    }

    /// <summary>CSS for <c>button_color</c>.</summary>
    public string? ButtonColor { get => GetCss("button_color"); set => SetCss("button_color", value); }

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
