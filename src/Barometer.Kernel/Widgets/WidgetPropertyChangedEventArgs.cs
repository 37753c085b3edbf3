namespace Barometer.Kernel.Widgets;

/// <summary>An attribute of a widget's state changed (ipywidgets' <c>observe</c> change: name, old, new).</summary>
public sealed class WidgetPropertyChangedEventArgs(string name, object? oldValue, object? newValue) : EventArgs
{
    /// <summary>The attribute's state name, e.g. <c>value</c>, <c>description</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The value before the change.</summary>
    public object? OldValue { get; } = oldValue;

    /// <summary>The value after the change.</summary>
    public object? NewValue { get; } = newValue;
}
