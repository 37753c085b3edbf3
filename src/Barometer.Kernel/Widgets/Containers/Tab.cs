namespace Barometer.Kernel.Widgets;

/// <summary>
/// Pages of widgets behind tabs (ipywidgets' <c>Tab</c>): one child per page, <see cref="Titles"/> their tab labels,
/// <see cref="SelectedIndex"/> the page shown (changed by the front end when a tab is clicked).
/// </summary>
public sealed class Tab : Box
{
    /// <summary>Creates tabs holding <paramref name="children"/>, the first selected.</summary>
    public Tab(params IEnumerable<Widget> children)
        : base("Tab", children)
    {
        Define<IReadOnlyList<string>>("titles", []);
        Define<int?>("selected_index", Children.Count > 0 ? 0 : null);
    }

    /// <summary>Raised when the page shown changes, with the old and new index.</summary>
    public event EventHandler<ValueChangedEventArgs<int?>>? SelectedIndexChanged;

    /// <summary>The tabs' labels, one per child.</summary>
    public IReadOnlyList<string> Titles { get => Get<IReadOnlyList<string>>("titles"); set => Set<IReadOnlyList<string>>("titles", [.. value]); }

    /// <summary>The page shown (null: none).</summary>
    public int? SelectedIndex { get => Get<int?>("selected_index"); set => Set("selected_index", value); }

    /// <inheritdoc />
    protected override void OnPropertyChanged(WidgetPropertyChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Name == "selected_index")
        {
            SelectedIndexChanged?.Invoke(this, new ValueChangedEventArgs<int?>((int?)change.OldValue, (int?)change.NewValue));
        }
    }
}
