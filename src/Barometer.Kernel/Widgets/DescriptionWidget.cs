namespace Barometer.Kernel.Widgets;

/// <summary>A widget with a description label before it and a style (ipywidgets' <c>DescriptionWidget</c>).</summary>
/// <typeparam name="TStyle">The model's style type.</typeparam>
public abstract class DescriptionWidget<TStyle> : DomWidget
    where TStyle : Style, new()
{
    /// <summary>Creates the widget, its description empty and its style the default.</summary>
    protected DescriptionWidget(string name, string module = "@jupyter-widgets/controls", string moduleVersion = "2.0.0")
        : base(name, module, moduleVersion)
    {
        Define("description", string.Empty);
        Define("description_allow_html", false);
        Define("style", new TStyle());
    }

    /// <summary>The label shown before the control.</summary>
    public string Description { get => Get<string>("description"); set => Set("description", value ?? string.Empty); }

    /// <summary>Whether <see cref="Description"/> is rendered as HTML.</summary>
    public bool DescriptionAllowHtml { get => Get<bool>("description_allow_html"); set => Set("description_allow_html", value); }

    /// <summary>The control's style (colours, the description's width).</summary>
    public TStyle Style { get => Get<TStyle>("style"); set => Set("style", value ?? throw new ArgumentNullException(nameof(value))); }
}
