namespace Barometer.Kernel.Widgets;

/// <summary>
/// A control's style (ipywidgets' <c>Style</c>: a model of <c>@jupyter-widgets/controls</c> 2.0.0 with the
/// <c>StyleView</c> of <c>@jupyter-widgets/base</c>): colours and fonts that are not layout. Each control has its own
/// kind (<see cref="SliderStyle"/>, <see cref="ButtonStyle"/>, …); null properties keep the view's default.
/// </summary>
public abstract class Style : Widget
{
    /// <summary>Creates a style model of the given name with the given attributes (strings; null or empty defaults).</summary>
    protected Style(string modelName, IEnumerable<(string Name, string? Default)> attributes)
        : base("@jupyter-widgets/controls", modelName, "@jupyter-widgets/base", "StyleView")
    {
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (name, initial) in attributes)
        {
            Define(name, initial);
        }
    }

    /// <summary>An attribute (CSS value) by its state name.</summary>
    protected string? GetCss(string name) => Get<string?>(name);

    /// <summary>Sets an attribute (CSS value) by its state name.</summary>
    protected void SetCss(string name, string? value) => Set(name, value);
}
