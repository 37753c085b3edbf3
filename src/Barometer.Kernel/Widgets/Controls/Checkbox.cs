namespace Barometer.Kernel.Widgets;

/// <summary>A check box (ipywidgets' <c>Checkbox</c>).</summary>
public sealed class Checkbox : ValueWidget<bool, CheckboxStyle>
{
    /// <summary>Creates an unticked check box.</summary>
    public Checkbox()
        : base("Checkbox", false)
    {
        Define("disabled", false);
        Define("indent", true);
    }

    /// <summary>Whether the control is greyed out and ignores input.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary>Whether the box is indented to line up with other controls' descriptions.</summary>
    public bool Indent { get => Get<bool>("indent"); set => Set("indent", value); }
}
