namespace Barometer.Kernel.Widgets;

/// <summary>
/// A container of widgets (ipywidgets' <c>Box</c>): its children are laid out with CSS flexbox, in a row
/// (<see cref="HBox"/>) or a column (<see cref="VBox"/>). Children are opened with the box.
/// </summary>
public class Box : DomWidget
{
    /// <summary>Creates an empty box.</summary>
    public Box()
        : this("Box")
    {
    }

    /// <summary>Creates a box holding <paramref name="children"/>.</summary>
    public Box(params IEnumerable<Widget> children)
        : this("Box", children)
    {
    }

    /// <summary>Creates a box of the given model (<c>HBox</c>, <c>VBox</c>, <c>Tab</c>, …) holding <paramref name="children"/>.</summary>
    protected Box(string name, IEnumerable<Widget>? children = null)
        : base(name)
    {
        Define("box_style", string.Empty);
        Define<IReadOnlyList<Widget>>("children", []);
        if (children is not null)
        {
            Children = [.. children];
        }
    }

    /// <summary>The widgets shown, in order.</summary>
    public IReadOnlyList<Widget> Children { get => Get<IReadOnlyList<Widget>>("children"); set => Set<IReadOnlyList<Widget>>("children", [.. value]); }

    /// <summary><c>success</c>, <c>info</c>, <c>warning</c>, <c>danger</c>, or empty (a coloured border).</summary>
    public string BoxStyle { get => Get<string>("box_style"); set => Set("box_style", value ?? string.Empty); }
}
