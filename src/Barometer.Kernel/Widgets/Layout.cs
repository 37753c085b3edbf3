namespace Barometer.Kernel.Widgets;

/// <summary>
/// A view's layout (ipywidgets' <c>Layout</c>, model <c>LayoutModel</c> of <c>@jupyter-widgets/base</c> 2.0.0): CSS
/// properties of the view's element, each null (the view's default) or a CSS value such as <c>"50%"</c>, <c>"300px"</c>,
/// <c>"flex"</c>. <see cref="Border"/> sets all four borders, as ipywidgets' <c>border</c> does.
/// </summary>
public sealed class Layout : Widget
{
    private static readonly string[] Attributes =
    [
        "align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top", "bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column", "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows", "height", "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width", "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width",
    ];

    /// <summary>Creates a layout with every property at the view's default.</summary>
    public Layout()
        : base("@jupyter-widgets/base", "LayoutModel", "@jupyter-widgets/base", "LayoutView")
    {
        foreach (var name in Attributes)
        {
            Define<string?>(name, null);
        }
    }

    /// <summary>All four borders (CSS <c>border</c>); reads the top border.</summary>
    public string? Border
    {
        get => BorderTop;
        set
        {
            BorderTop = value;
            BorderRight = value;
            BorderBottom = value;
            BorderLeft = value;
        }
    }

    /// <summary>CSS <c>align-content</c>.</summary>
    public string? AlignContent { get => Get<string?>("align_content"); set => Set("align_content", value); }

    /// <summary>CSS <c>align-items</c>.</summary>
    public string? AlignItems { get => Get<string?>("align_items"); set => Set("align_items", value); }

    /// <summary>CSS <c>align-self</c>.</summary>
    public string? AlignSelf { get => Get<string?>("align_self"); set => Set("align_self", value); }

    /// <summary>CSS <c>border-bottom</c>.</summary>
    public string? BorderBottom { get => Get<string?>("border_bottom"); set => Set("border_bottom", value); }

    /// <summary>CSS <c>border-left</c>.</summary>
    public string? BorderLeft { get => Get<string?>("border_left"); set => Set("border_left", value); }

    /// <summary>CSS <c>border-right</c>.</summary>
    public string? BorderRight { get => Get<string?>("border_right"); set => Set("border_right", value); }

    /// <summary>CSS <c>border-top</c>.</summary>
    public string? BorderTop { get => Get<string?>("border_top"); set => Set("border_top", value); }

    /// <summary>CSS <c>bottom</c>.</summary>
    public string? Bottom { get => Get<string?>("bottom"); set => Set("bottom", value); }

    /// <summary>CSS <c>display</c>.</summary>
    public string? Display { get => Get<string?>("display"); set => Set("display", value); }

    /// <summary>CSS <c>flex</c>.</summary>
    public string? Flex { get => Get<string?>("flex"); set => Set("flex", value); }

    /// <summary>CSS <c>flex-flow</c>.</summary>
    public string? FlexFlow { get => Get<string?>("flex_flow"); set => Set("flex_flow", value); }

    /// <summary>CSS <c>grid-area</c>.</summary>
    public string? GridArea { get => Get<string?>("grid_area"); set => Set("grid_area", value); }

    /// <summary>CSS <c>grid-auto-columns</c>.</summary>
    public string? GridAutoColumns { get => Get<string?>("grid_auto_columns"); set => Set("grid_auto_columns", value); }

    /// <summary>CSS <c>grid-auto-flow</c>.</summary>
    public string? GridAutoFlow { get => Get<string?>("grid_auto_flow"); set => Set("grid_auto_flow", value); }

    /// <summary>CSS <c>grid-auto-rows</c>.</summary>
    public string? GridAutoRows { get => Get<string?>("grid_auto_rows"); set => Set("grid_auto_rows", value); }

    /// <summary>CSS <c>grid-column</c>.</summary>
    public string? GridColumn { get => Get<string?>("grid_column"); set => Set("grid_column", value); }

    /// <summary>CSS <c>grid-gap</c>.</summary>
    public string? GridGap { get => Get<string?>("grid_gap"); set => Set("grid_gap", value); }

    /// <summary>CSS <c>grid-row</c>.</summary>
    public string? GridRow { get => Get<string?>("grid_row"); set => Set("grid_row", value); }

    /// <summary>CSS <c>grid-template-areas</c>.</summary>
    public string? GridTemplateAreas { get => Get<string?>("grid_template_areas"); set => Set("grid_template_areas", value); }

    /// <summary>CSS <c>grid-template-columns</c>.</summary>
    public string? GridTemplateColumns { get => Get<string?>("grid_template_columns"); set => Set("grid_template_columns", value); }

    /// <summary>CSS <c>grid-template-rows</c>.</summary>
    public string? GridTemplateRows { get => Get<string?>("grid_template_rows"); set => Set("grid_template_rows", value); }

    /// <summary>CSS <c>height</c>.</summary>
    public string? Height { get => Get<string?>("height"); set => Set("height", value); }

    /// <summary>CSS <c>justify-content</c>.</summary>
    public string? JustifyContent { get => Get<string?>("justify_content"); set => Set("justify_content", value); }

    /// <summary>CSS <c>justify-items</c>.</summary>
    public string? JustifyItems { get => Get<string?>("justify_items"); set => Set("justify_items", value); }

    /// <summary>CSS <c>left</c>.</summary>
    public string? Left { get => Get<string?>("left"); set => Set("left", value); }

    /// <summary>CSS <c>margin</c>.</summary>
    public string? Margin { get => Get<string?>("margin"); set => Set("margin", value); }

    /// <summary>CSS <c>max-height</c>.</summary>
    public string? MaxHeight { get => Get<string?>("max_height"); set => Set("max_height", value); }

    /// <summary>CSS <c>max-width</c>.</summary>
    public string? MaxWidth { get => Get<string?>("max_width"); set => Set("max_width", value); }

    /// <summary>CSS <c>min-height</c>.</summary>
    public string? MinHeight { get => Get<string?>("min_height"); set => Set("min_height", value); }

    /// <summary>CSS <c>min-width</c>.</summary>
    public string? MinWidth { get => Get<string?>("min_width"); set => Set("min_width", value); }

    /// <summary>CSS <c>object-fit</c>.</summary>
    public string? ObjectFit { get => Get<string?>("object_fit"); set => Set("object_fit", value); }

    /// <summary>CSS <c>object-position</c>.</summary>
    public string? ObjectPosition { get => Get<string?>("object_position"); set => Set("object_position", value); }

    /// <summary>CSS <c>order</c>.</summary>
    public string? Order { get => Get<string?>("order"); set => Set("order", value); }

    /// <summary>CSS <c>overflow</c>.</summary>
    public string? Overflow { get => Get<string?>("overflow"); set => Set("overflow", value); }

    /// <summary>CSS <c>padding</c>.</summary>
    public string? Padding { get => Get<string?>("padding"); set => Set("padding", value); }

    /// <summary>CSS <c>right</c>.</summary>
    public string? Right { get => Get<string?>("right"); set => Set("right", value); }

    /// <summary>CSS <c>top</c>.</summary>
    public string? Top { get => Get<string?>("top"); set => Set("top", value); }

    /// <summary>CSS <c>visibility</c>.</summary>
    public string? Visibility { get => Get<string?>("visibility"); set => Set("visibility", value); }

    /// <summary>CSS <c>width</c>.</summary>
    public string? Width { get => Get<string?>("width"); set => Set("width", value); }
}
