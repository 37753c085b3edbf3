namespace Barometer.Kernel.Widgets;

/// <summary>
/// A widget with a view in the page (ipywidgets' <c>DOMWidget</c>): its <see cref="Layout"/> (size, margins, flex and
/// grid placement), CSS classes, tooltip and tab order.
/// </summary>
public abstract class DomWidget : Widget
{
    /// <summary>Creates a widget of a <c>@jupyter-widgets/controls</c> model and view of the same name (<c>IntSlider</c> → <c>IntSliderModel</c>/<c>IntSliderView</c>).</summary>
    protected DomWidget(string name, string module = "@jupyter-widgets/controls", string moduleVersion = "2.0.0")
        : base(module, name + "Model", module, name + "View", moduleVersion)
    {
        Define<IReadOnlyList<string>>("_dom_classes", []);
        Define("layout", new Layout());
        Define<bool?>("tabbable", null);
        Define<string?>("tooltip", null);
    }

    /// <summary>The view's layout (CSS size, margins, flex and grid properties).</summary>
    public Layout Layout { get => Get<Layout>("layout"); set => Set("layout", value ?? throw new ArgumentNullException(nameof(value))); }

    /// <summary>Extra CSS classes of the view's element.</summary>
    public IReadOnlyList<string> DomClasses { get => Get<IReadOnlyList<string>>("_dom_classes"); set => Set<IReadOnlyList<string>>("_dom_classes", [.. value]); }

    /// <summary>Whether the view is in the tab order (null: the browser's default).</summary>
    public bool? Tabbable { get => Get<bool?>("tabbable"); set => Set("tabbable", value); }

    /// <summary>The tooltip shown on hover.</summary>
    public string? Tooltip { get => Get<string?>("tooltip"); set => Set("tooltip", value); }
}
