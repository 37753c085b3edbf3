namespace Barometer.Kernel.Widgets;

/// <summary>
/// Keeps an attribute of two widgets equal, in the kernel (ipywidgets' <c>link</c>): a change of either, by C# code or
/// in the front end, is copied to the other (converted through JSON, so an <see cref="IntSlider"/>'s value can drive a
/// <see cref="FloatSlider"/>'s). The target takes the source's value at once. Attributes are named by C# property
/// (<c>"Value"</c>) or state name (<c>"value"</c>). <see cref="Dispose"/> (ipywidgets' <c>unlink</c>) stops it.
/// </summary>
public sealed class Link : IDisposable
{
    private readonly Widget _source;
    private readonly string _sourceName;
    private readonly Widget _target;
    private readonly string _targetName;
    private readonly bool _bothWays;
    private int _updating;

    /// <summary>Links <paramref name="source"/>'s attribute with <paramref name="target"/>'s, both ways.</summary>
    public Link((Widget Widget, string Name) source, (Widget Widget, string Name) target)
        : this(source, target, bothWays: true)
    {
    }

    private Link((Widget Widget, string Name) source, (Widget Widget, string Name) target, bool bothWays)
    {
        ArgumentNullException.ThrowIfNull(source.Widget);
        ArgumentNullException.ThrowIfNull(target.Widget);
        (_source, _sourceName) = (source.Widget, source.Widget.ResolveName(source.Name));
        (_target, _targetName) = (target.Widget, target.Widget.ResolveName(target.Name));
        _bothWays = bothWays;
        _target.SetJson(_targetName, _source.GetJson(_sourceName));
        _source.PropertyChanged += OnSourceChanged;
        if (bothWays)
        {
            _target.PropertyChanged += OnTargetChanged;
        }
    }

    /// <summary>Copies <paramref name="source"/>'s attribute to <paramref name="target"/>'s, one way (ipywidgets' <c>dlink</c>).</summary>
    public static Link OneWay((Widget Widget, string Name) source, (Widget Widget, string Name) target) => new(source, target, bothWays: false);

    /// <summary>Stops copying.</summary>
    public void Dispose()
    {
        _source.PropertyChanged -= OnSourceChanged;
        if (_bothWays)
        {
            _target.PropertyChanged -= OnTargetChanged;
        }
    }

    private void OnSourceChanged(object? sender, WidgetPropertyChangedEventArgs change)
    {
        if (change.Name == _sourceName)
        {
            Copy(_source, _sourceName, _target, _targetName);
        }
    }

    private void OnTargetChanged(object? sender, WidgetPropertyChangedEventArgs change)
    {
        if (change.Name == _targetName)
        {
            Copy(_target, _targetName, _source, _sourceName);
        }
    }

    private void Copy(Widget from, string fromName, Widget to, string toName)
    {
        // A copy raises the other side's change: do not bounce it back.
        if (Interlocked.Exchange(ref _updating, 1) != 0)
        {
            return;
        }

        try
        {
            to.SetJson(toName, from.GetJson(fromName));
        }
        finally
        {
            Volatile.Write(ref _updating, 0);
        }
    }
}
