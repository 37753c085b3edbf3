namespace Barometer.Kernel.Widgets;

/// <summary>The style of controls with only a description (<c>DescriptionStyleModel</c>).</summary>
public sealed class DescriptionStyle : Style
{
    /// <summary>Creates the style with every property at the view's default.</summary>
    public DescriptionStyle()
        : base("DescriptionStyleModel", [("description_width", "")])
    {
    }

    /// <summary>CSS for <c>description_width</c> (empty: the default).</summary>
    public string? DescriptionWidth { get => GetCss("description_width"); set => SetCss("description_width", value ?? string.Empty); }
}
