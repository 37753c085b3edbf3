namespace Barometer.Kernel.Widgets;

/// <summary>A one-line text box (ipywidgets' <c>Text</c>).</summary>
public sealed class Text : ValueWidget<string, TextStyle>
{
    /// <summary>Creates an empty text box.</summary>
    public Text()
        : base("Text", string.Empty)
    {
        Define("continuous_update", true);
        Define("disabled", false);
        Define("placeholder", "\u200b");
    }

    /// <inheritdoc />
    public override string Value { get => base.Value; set => base.Value = value ?? string.Empty; }

    /// <summary>Whether the control is greyed out and ignores input.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary>The grey text shown while the box is empty.</summary>
    public string Placeholder { get => Get<string>("placeholder"); set => Set("placeholder", value ?? string.Empty); }

    /// <summary>Whether the value is sent on each key stroke (true) or when the box loses focus or Enter is pressed (false).</summary>
    public bool ContinuousUpdate { get => Get<bool>("continuous_update"); set => Set("continuous_update", value); }
}
