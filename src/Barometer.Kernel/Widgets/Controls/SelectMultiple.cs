namespace Barometer.Kernel.Widgets;

/// <summary>
/// A list box in which any number of options can be chosen (ipywidgets' <c>SelectMultiple</c>): the model syncs the
/// labels and the chosen indices; <see cref="Value"/> is the chosen labels in option order.
/// </summary>
public sealed class SelectMultiple : DescriptionWidget<DescriptionStyle>, IValueWidget
{
    /// <summary>Creates the list with no options; set <c>Options</c> (and <c>Value</c>) in an initializer.</summary>
    public SelectMultiple()
        : base("SelectMultiple")
    {
        Define<IReadOnlyList<string>>("_options_labels", []);
        Define("disabled", false);
        Define<IReadOnlyList<int>>("index", []);
        Define("rows", 5);
    }

    /// <summary>Raised when the chosen options change, with the old and new labels.</summary>
    public event EventHandler<ValueChangedEventArgs<IReadOnlyList<string>>>? ValueChanged;

    /// <summary>The options' labels, in order; setting them keeps the chosen labels that are still there.</summary>
    public IReadOnlyList<string> Options
    {
        get => Get<IReadOnlyList<string>>("_options_labels");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var chosen = Value;
            var labels = value.ToArray();
            Set<IReadOnlyList<string>>("_options_labels", labels);
            Index = [.. chosen.Select(l => Array.IndexOf(labels, l)).Where(i => i >= 0).Order()];
        }
    }

    /// <summary>The chosen options' positions.</summary>
    public IReadOnlyList<int> Index
    {
        get => Get<IReadOnlyList<int>>("index");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var count = Options.Count;
            if (value.FirstOrDefault(i => i < 0 || i >= count, -1) is var bad && bad != -1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), bad, $"SelectMultiple has {count} options.");
            }

            Set<IReadOnlyList<int>>("index", [.. value]);
        }
    }

    /// <summary>The chosen labels; setting a label that is not an option throws.</summary>
    public IReadOnlyList<string> Value
    {
        get => LabelsAt(Index);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var labels = Options.ToList();
            var missing = value.Where(v => !labels.Contains(v)).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException($"{string.Join(", ", missing.Select(m => $"'{m}'"))} not among the options ({string.Join(", ", labels)}).", nameof(value));
            }

            Index = [.. value.Select(v => labels.IndexOf(v)).Distinct().Order()];
        }
    }

    /// <summary>How many rows the list shows.</summary>
    public int Rows { get => Get<int>("rows"); set => Set("rows", value); }

    /// <summary>Whether the control is greyed out and ignores input.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    object? IValueWidget.Value => Value;

    Type IValueWidget.ValueType => typeof(IReadOnlyList<string>);

    /// <inheritdoc />
    protected override void OnPropertyChanged(WidgetPropertyChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Name == "index")
        {
            ValueChanged?.Invoke(this, new ValueChangedEventArgs<IReadOnlyList<string>>(LabelsAt((IReadOnlyList<int>?)change.OldValue ?? []), LabelsAt((IReadOnlyList<int>?)change.NewValue ?? [])));
        }
    }

    private string[] LabelsAt(IReadOnlyList<int> indices)
    {
        var labels = Options;
        return [.. indices.Where(i => i >= 0 && i < labels.Count).Select(i => labels[i])];
    }
}
