namespace Barometer.Kernel.Widgets;

/// <summary>A row of buttons, one pressed: a choice among few options (ipywidgets' <c>ToggleButtons</c>).</summary>
public sealed class ToggleButtons : Selection<ToggleButtonsStyle>
{
    /// <summary>Creates the control with no options; set <c>Options</c> (and <c>Value</c>) in an initializer.</summary>
    public ToggleButtons()
        : base("ToggleButtons")
    {
        Define("button_style", string.Empty);
        Define<IReadOnlyList<string>>("icons", []);
        Define<IReadOnlyList<string>>("tooltips", []);
    }

    /// <summary><c>primary</c>, <c>success</c>, <c>info</c>, <c>warning</c>, <c>danger</c>, or empty.</summary>
    public string ButtonStyle { get => Get<string>("button_style"); set => Set("button_style", value ?? string.Empty); }

    /// <summary>Font Awesome icon names, one per option.</summary>
    public IReadOnlyList<string> Icons { get => Get<IReadOnlyList<string>>("icons"); set => Set<IReadOnlyList<string>>("icons", [.. value]); }

    /// <summary>Tooltips, one per option.</summary>
    public IReadOnlyList<string> Tooltips { get => Get<IReadOnlyList<string>>("tooltips"); set => Set<IReadOnlyList<string>>("tooltips", [.. value]); }
}
