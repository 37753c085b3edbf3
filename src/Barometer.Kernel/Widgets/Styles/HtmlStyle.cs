namespace Barometer.Kernel.Widgets;

/// <summary>Rich text's style (<c>HTMLStyleModel</c>).</summary>
public sealed class HtmlStyle : Style
{
    /// <summary>Creates the style with every property at the view's default.</summary>
    public HtmlStyle()
        : base("HTMLStyleModel", [("background", null), ("description_width", ""), ("font_size", null), ("text_color", null)])
    {
    }

    /// <summary>CSS for <c>background</c>.</summary>
    public string? Background { get => GetCss("background"); set => SetCss("background", value); }

    /// <summary>CSS for <c>description_width</c> (empty: the default).</summary>
    public string? DescriptionWidth { get => GetCss("description_width"); set => SetCss("description_width", value ?? string.Empty); }

    /// <summary>CSS for <c>font_size</c>.</summary>
    public string? FontSize { get => GetCss("font_size"); set => SetCss("font_size", value); }

    /// <summary>CSS for <c>text_color</c>.</summary>
    public string? TextColor { get => GetCss("text_color"); set => SetCss("text_color", value); }
}
