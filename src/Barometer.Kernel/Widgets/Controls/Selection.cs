namespace Barometer.Kernel.Widgets;

/// <summary>
/// A choice of one option among labels (ipywidgets' <c>_Selection</c>: <see cref="Dropdown"/>, <see cref="ToggleButtons"/>):
/// the model syncs the labels (<c>_options_labels</c>) and the chosen <c>index</c>; <see cref="Value"/> is the chosen
/// label. Setting <see cref="Options"/> keeps the chosen label when it is still there, else chooses the first.
/// </summary>
/// <typeparam name="TStyle">The model's style type.</typeparam>
public abstract class Selection<TStyle> : DescriptionWidget<TStyle>, IValueWidget
    where TStyle : Style, new()
{
    /// <summary>Creates the control with no options.</summary>
    protected Selection(string name)
        : base(name)
    {
        Define<IReadOnlyList<string>>("_options_labels", []);
        Define("disabled", false);
        Define<int?>("index", null);
    }

    /// <summary>Raised when the chosen option changes, with the old and new label (null: none chosen).</summary>
    public event EventHandler<ValueChangedEventArgs<string?>>? ValueChanged;

    /// <summary>The options' labels, in order.</summary>
    public IReadOnlyList<string> Options
    {
        get => Get<IReadOnlyList<string>>("_options_labels");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var chosen = Value;
            var labels = value.ToArray();
            Set<IReadOnlyList<string>>("_options_labels", labels);
            var index = chosen is null ? -1 : Array.IndexOf(labels, chosen);
            Index = index >= 0 ? index : labels.Length > 0 ? 0 : null;
        }
    }

    /// <summary>The chosen option's position in <see cref="Options"/> (null: none).</summary>
    public int? Index
    {
        get => Get<int?>("index");
        set
        {
            if (value is { } index && (index < 0 || index >= Options.Count))
            {
                throw new ArgumentOutOfRangeException(nameof(value), index, $"{ModelName} has {Options.Count} options.");
            }

            Set("index", value);
        }
    }

    /// <summary>The chosen option's label (null: none); setting a label that is not an option throws.</summary>
    public string? Value
    {
        get => LabelAt(Index);
        set
        {
            if (value is null)
            {
                Index = null;
                return;
            }

            var index = Options.ToList().IndexOf(value);
            Index = index >= 0 ? index : throw new ArgumentException($"'{value}' is not one of the options ({string.Join(", ", Options)}).", nameof(value));
        }
    }

    /// <summary>Whether the control is greyed out and ignores input.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    object? IValueWidget.Value => Value;

    Type IValueWidget.ValueType => typeof(string);

    /// <inheritdoc />
    protected override void OnPropertyChanged(WidgetPropertyChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Name == "index")
        {
            var (old, @new) = (LabelAt((int?)change.OldValue), LabelAt((int?)change.NewValue));
            if (old != @new)
            {
                ValueChanged?.Invoke(this, new ValueChangedEventArgs<string?>(old, @new));
            }
        }
    }

    private string? LabelAt(int? index)
    {
        var labels = Options;
        return index is { } i && i >= 0 && i < labels.Count ? labels[i] : null;
    }
}
