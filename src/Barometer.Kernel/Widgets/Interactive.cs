using System.Globalization;
using System.Reflection;
using Barometer.Kernel.Cells;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// A function with a control per parameter and an <see cref="Output"/> showing its result (ipywidgets'
/// <c>interactive</c>; the <c>Interact(...)</c> global displays one, as <c>interact</c> does): whenever a control
/// changes, the output is cleared and the function runs again with the controls' values, its return value displayed
/// and its console text shown. A column (<c>VBox</c>): the controls, then the output.
/// </summary>
/// <remarks>
/// Each control comes from the argument at the parameter's position, as ipywidgets' abbreviations: a widget with a value
/// as it is; <c>(min, max)</c> or <c>(min, max, step)</c> of ints or doubles → <see cref="IntSlider"/> /
/// <see cref="FloatSlider"/> (the value the parameter's default, else the middle); a list of strings →
/// <see cref="Dropdown"/>; a <c>bool</c> → <see cref="Checkbox"/>; a <c>string</c> → <see cref="Text"/>; an int or
/// double <c>v</c> → a slider from −v to 3v; no argument → the parameter's default value read that way (an enum → a
/// <see cref="Dropdown"/> of its names). Each control is labelled with the parameter's name.
/// </remarks>
public sealed class Interactive : Box
{
    private readonly Delegate _function;
    private readonly ParameterInfo[] _parameters;

    /// <summary>Builds the controls for <paramref name="function"/>'s parameters and runs it once.</summary>
    /// <exception cref="ArgumentException">A parameter's type or its argument cannot be made into a control.</exception>
    public Interactive(Delegate function, params object?[] controls)
        : base("VBox")
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(controls);
        _function = function;
        _parameters = function.Method.GetParameters();
        if (controls.Length > _parameters.Length)
        {
            throw new ArgumentException($"The function takes {_parameters.Length} parameter(s) but {controls.Length} controls were given.", nameof(controls));
        }

        Controls = [.. _parameters.Select((p, i) => MakeControl(p, i < controls.Length ? controls[i] : null))];
        Out = new Output();
        Children = [.. Controls.Cast<Widget>(), Out];
        foreach (var control in Controls)
        {
            control.PropertyChanged += (_, change) =>
            {
                if (change.Name is "value" or "index")
                {
                    Update();
                }
            };
        }

        Update();
    }

    /// <summary>The controls, one per parameter, in order.</summary>
    public IReadOnlyList<IValueWidget> Controls { get; }

    /// <summary>Where the function's result and console text are shown.</summary>
    public Output Out { get; }

    /// <summary>What the function returned the last time it ran (null for a <c>void</c> function or after an exception).</summary>
    public object? Result { get; private set; }

    /// <summary>Clears the output and runs the function with the controls' current values.</summary>
    public void Update()
    {
        Out.Clear();
        Out.Capture(() =>
        {
            try
            {
                var arguments = _parameters.Select((p, i) => Convert(Controls[i].Value, p.ParameterType)).ToArray();
                Result = _function.DynamicInvoke(arguments);
                if (_function.Method.ReturnType != typeof(void) && Result is not null)
                {
                    CellDisplay.Show(Result);
                }
            }
            catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
            {
                Result = null;
                Console.Error.WriteLine($"{inner.GetType().Name}: {inner.Message}");
            }
        });
    }

    private static IValueWidget MakeControl(ParameterInfo parameter, object? argument)
    {
        var type = parameter.ParameterType;
        var initial = parameter.HasDefaultValue ? parameter.DefaultValue : null;
        IValueWidget control = (argument ?? initial) switch
        {
            IValueWidget widget => widget,
            ValueTuple<int, int> r => IntRange(r.Item1, r.Item2, 1, initial),
            ValueTuple<int, int, int> r => IntRange(r.Item1, r.Item2, r.Item3, initial),
            ValueTuple<double, double> r => FloatRange(r.Item1, r.Item2, (r.Item2 - r.Item1) / 100, initial),
            ValueTuple<double, double, double> r => FloatRange(r.Item1, r.Item2, r.Item3, initial),
            bool flag => new Checkbox { Value = flag },
            string text => new Text { Value = text },
            IEnumerable<string> options => new Dropdown { Options = [.. options] },
            Enum chosen => new Dropdown { Options = Enum.GetNames(chosen.GetType()), Value = chosen.ToString() },
            int number => IntRange(number == 0 ? 0 : number > 0 ? -number : 3 * number, number == 0 ? 1 : number > 0 ? 3 * number : -number, 1, number),
            double number => FloatRange(number == 0 ? 0 : number > 0 ? -number : 3 * number, number == 0 ? 1 : number > 0 ? 3 * number : -number, 0.1, number),
            null when type == typeof(int) => IntRange(0, 1, 1, 0),
            null when type == typeof(double) => FloatRange(0, 1, 0.1, 0.0),
            null when type == typeof(bool) => new Checkbox(),
            null when type == typeof(string) => new Text(),
            null when type.IsEnum => new Dropdown { Options = Enum.GetNames(type) },
            _ => throw new ArgumentException($"No control can be made for parameter '{parameter.Name}' ({type.Name}) from {argument ?? "no argument"}: pass a widget, a (min, max) range, a list of options, a bool or a string.", nameof(argument)),
        };
        if (control is DescriptionWidget<SliderStyle> or DescriptionWidget<CheckboxStyle> or DescriptionWidget<TextStyle> or DescriptionWidget<DescriptionStyle>
            && argument is not IValueWidget)
        {
            SetDescription(control, parameter.Name ?? string.Empty);
        }

        return control;
    }

    private static void SetDescription(IValueWidget control, string name)
    {
        switch (control)
        {
            case DescriptionWidget<SliderStyle> slider: slider.Description = name; break;
            case DescriptionWidget<CheckboxStyle> box: box.Description = name; break;
            case DescriptionWidget<TextStyle> text: text.Description = name; break;
            case DescriptionWidget<DescriptionStyle> other: other.Description = name; break;
        }
    }

    private static IntSlider IntRange(int min, int max, int step, object? initial) =>
        new() { Min = min, Max = max, Step = step, Value = initial is int value ? value : min + ((max - min) / 2) };

    private static FloatSlider FloatRange(double min, double max, double step, object? initial) =>
        new() { Min = min, Max = max, Step = step, Value = initial is double value ? value : initial is int whole ? whole : min + ((max - min) / 2) };

    private static object? Convert(object? value, Type type)
    {
        if (value is null || type.IsInstanceOfType(value))
        {
            return value;
        }

        if (type.IsEnum && value is string name)
        {
            return Enum.Parse(type, name);
        }

        return System.Convert.ChangeType(value, Nullable.GetUnderlyingType(type) ?? type, CultureInfo.InvariantCulture);
    }
}
