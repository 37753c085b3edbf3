namespace Barometer.Kernel.Widgets;

/// <summary>Toggle buttons' style (<c>ToggleButtonsStyleModel</c>).</summary>
public sealed class ToggleButtonsStyle : Style
{
    /// <summary>Creates the style with every property at the view's default.</summary>
    public ToggleButtonsStyle()
        : base("ToggleButtonsStyleModel", [("button_width", ""), ("description_width", ""), ("font_weight", "")])
    {
    }

    /// <summary>CSS for <c>button_width</c> (empty: the default).</summary>
    public string? ButtonWidth { get => GetCss("button_width"); set => SetCss("button_width", value ?? string.Empty); }

    /// <summary>CSS for <c>description_width</c> (empty: the default).</summary>
    public string? DescriptionWidth { get => GetCss("description_width"); set => SetCss("description_width", value ?? string.Empty); }

    /// <summary>CSS for <c>font_weight</c> (empty: the default).</summary>
    public string? FontWeight { get => GetCss("font_weight"); set => SetCss("font_weight", value ?? string.Empty); }
}
