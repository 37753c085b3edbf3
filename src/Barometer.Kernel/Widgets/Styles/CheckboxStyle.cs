namespace Barometer.Kernel.Widgets;

/// <summary>A check box's style (<c>CheckboxStyleModel</c>).</summary>
public sealed class CheckboxStyle : Style
{
    /// <summary>Creates the style with every property at the view's default.</summary>
    public CheckboxStyle()
        : base("CheckboxStyleModel", [("background", null), ("description_width", "")])
    {
    }

    /// <summary>CSS for <c>background</c>.</summary>
    public string? Background { get => GetCss("background"); set => SetCss("background", value); }

    /// <summary>CSS for <c>description_width</c> (empty: the default).</summary>
    public string? DescriptionWidth { get => GetCss("description_width"); set => SetCss("description_width", value ?? string.Empty); }
}
