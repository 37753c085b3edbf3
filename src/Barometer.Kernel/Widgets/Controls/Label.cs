namespace Barometer.Kernel.Widgets;

/// <summary>Plain text shown as a control, e.g. to label others (ipywidgets' <c>Label</c>).</summary>
public sealed class Label : ValueWidget<string, LabelStyle>
{
    /// <summary>Creates an empty label.</summary>
    public Label()
        : base("Label", string.Empty)
    {
        Define("placeholder", "\u200b");
    }

    /// <summary>Creates a label showing <paramref name="text"/>.</summary>
    public Label(string text)
        : this()
    {
        Value = text;
    }

    /// <inheritdoc />
    public override string Value { get => base.Value; set => base.Value = value ?? string.Empty; }
}
