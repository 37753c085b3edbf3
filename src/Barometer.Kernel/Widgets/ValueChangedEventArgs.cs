namespace Barometer.Kernel.Widgets;

/// <summary>A value widget's <c>Value</c> changed, by kernel code or in the front end.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class ValueChangedEventArgs<T>(T oldValue, T newValue) : EventArgs
{
    /// <summary>The value before the change.</summary>
    public T OldValue { get; } = oldValue;

    /// <summary>The value after the change.</summary>
    public T NewValue { get; } = newValue;
}
