namespace Barometer.Kernel.Widgets;

/// <summary>A widget with a value, whatever its type (what <c>Interact</c> reads from its controls).</summary>
public interface IValueWidget
{
    /// <summary>The current value.</summary>
    object? Value { get; }

    /// <summary>The value's type.</summary>
    Type ValueType { get; }

    /// <summary>Raised when any attribute changes (the value among them).</summary>
    event EventHandler<WidgetPropertyChangedEventArgs>? PropertyChanged;
}
