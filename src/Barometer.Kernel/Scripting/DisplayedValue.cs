using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Scripting;

/// <summary>A value shown with <c>display(...)</c>; <see cref="Update"/> replaces it in the cell's output.</summary>
public sealed class DisplayedValue
{
    private readonly RunningCell? _cell;
    private readonly FormatterSet _formatters;
    private readonly string[] _mimeTypes;

    private DisplayedValue(RunningCell? cell, string? displayId, FormatterSet formatters, string[] mimeTypes)
    {
        _cell = cell;
        DisplayId = displayId;
        _formatters = formatters;
        _mimeTypes = mimeTypes;
    }

    /// <summary>The id of the display (Jupyter's <c>display_id</c>); null when shown outside a running cell.</summary>
    public string? DisplayId { get; }

    /// <summary>Replaces the displayed value (until the cell that showed it has finished).</summary>
    public void Update(object? value)
    {
        if (_cell is not null && DisplayId is not null)
        {
            _cell.UpdateDisplay(DisplayId, Format(_formatters, value, _mimeTypes));
        }
    }

    internal static DisplayedValue Show(object? value, string[]? mimeTypes, FormatterSet fallbackFormatters)
    {
        var cell = RunningCell.Current;
        var formatters = cell?.Formatters ?? fallbackFormatters;
        var mimes = mimeTypes ?? [];
        if (IOutputRedirect.Current is { } redirect)
        {
            // Inside an Output widget's capture: the value goes into the widget, not the cell.
            redirect.AddDisplay(Format(formatters, value, mimes));
            return new DisplayedValue(null, null, formatters, mimes);
        }

        var id = cell?.AddDisplay(Format(formatters, value, mimes));
        return new DisplayedValue(cell, id, formatters, mimes);
    }

    private static MimeBundle Format(FormatterSet formatters, object? value, string[] mimeTypes)
    {
        var bundle = formatters.Format(value);
        if (mimeTypes.Length == 0)
        {
            return bundle;
        }

        var filtered = new MimeBundle(bundle.Where(b => mimeTypes.Contains(b.Key)));
        return filtered.Count > 0 ? filtered : bundle;
    }

    /// <inheritdoc />
    public override string ToString() => "(displayed value)";
}
