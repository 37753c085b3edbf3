namespace Barometer.Kernel.Widgets;

/// <summary>
/// A control with a value (ipywidgets' <c>ValueWidget</c>): <see cref="Value"/> is the model's <c>value</c>, and
/// <see cref="ValueChanged"/> is raised with the old and new value whenever it changes, in the kernel or in the front end.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <typeparam name="TStyle">The model's style type.</typeparam>
public abstract class ValueWidget<T, TStyle> : DescriptionWidget<TStyle>, IValueWidget
    where TStyle : Style, new()
{
    /// <summary>Creates the control with its initial value.</summary>
    protected ValueWidget(string name, T initial, string module = "@jupyter-widgets/controls", string moduleVersion = "2.0.0")
        : base(name, module, moduleVersion)
    {
        Define("value", initial);
    }

    /// <summary>Raised when <see cref="Value"/> changes, with the old and new value.</summary>
    public event EventHandler<ValueChangedEventArgs<T>>? ValueChanged;

    /// <summary>The control's value.</summary>
    public virtual T Value { get => Get<T>("value"); set => Set("value", IsOpen ? Coerce(value) : value); }

    object? IValueWidget.Value => Value;

    Type IValueWidget.ValueType => typeof(T);

    /// <summary>Corrects a value set from C# once the widget is open (a slider clamps it to its range).</summary>
    protected virtual T Coerce(T value) => value;

    /// <inheritdoc />
    protected override void OnPropertyChanged(WidgetPropertyChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Name == "value")
        {
            ValueChanged?.Invoke(this, new ValueChangedEventArgs<T>((T)change.OldValue!, (T)change.NewValue!));
        }
    }
}
