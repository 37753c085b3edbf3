using Barometer.Kernel.Comms;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// A push button (ipywidgets' <c>Button</c>): <see cref="Click"/> is raised when it is clicked in the front end (a
/// <c>custom</c> message <c>{"event": "click"}</c>), on the kernel's comm thread, also while a cell runs.
/// </summary>
public sealed class Button : DomWidget
{
    /// <summary>Creates a button without a label.</summary>
    public Button()
        : base("Button")
    {
        Define("button_style", string.Empty);
        Define("description", string.Empty);
        Define("disabled", false);
        Define("icon", string.Empty);
        Define("style", new ButtonStyle());
    }

    /// <summary>Raised when the button is clicked (or <see cref="PerformClick"/> is called).</summary>
    public event EventHandler? Click;

    /// <summary>The button's label.</summary>
    public string Description { get => Get<string>("description"); set => Set("description", value ?? string.Empty); }

    /// <summary><c>primary</c>, <c>success</c>, <c>info</c>, <c>warning</c>, <c>danger</c>, or empty.</summary>
    public string ButtonStyle { get => Get<string>("button_style"); set => Set("button_style", value ?? string.Empty); }

    /// <summary>A Font Awesome icon name shown before the label, e.g. <c>check</c>.</summary>
    public string Icon { get => Get<string>("icon"); set => Set("icon", value ?? string.Empty); }

    /// <summary>Whether the button is greyed out and ignores clicks.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary>Colours and font of the button.</summary>
    public ButtonStyle Style { get => Get<ButtonStyle>("style"); set => Set("style", value ?? throw new ArgumentNullException(nameof(value))); }

    /// <summary>Raises <see cref="Click"/> as a click in the front end does.</summary>
    public void PerformClick() => Click?.Invoke(this, EventArgs.Empty);

    /// <inheritdoc />
    protected override void OnCustomMessage(CommMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if ((string?)message.Data["event"] == "click")
        {
            PerformClick();
        }
    }
}
