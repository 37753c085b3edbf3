using Barometer.Kernel.Cells;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Scripting;

/// <summary>A value shown with <c>display(...)</c>; <see cref="Update"/> replaces it in the cell's output.</summary>
public sealed class DisplayedValue
{
    private readonly IRunningCell? _cell;
    private readonly FormatterSet _formatters;
    private readonly string[] _mimeTypes;

    private DisplayedValue(IRunningCell? cell, string? displayId, FormatterSet formatters, string[] mimeTypes)
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
            _cell.UpdateDisplay(DisplayId, CellDisplay.Format(_formatters, value, _mimeTypes));
        }
    }

    internal static DisplayedValue Show(object? value, string[]? mimeTypes, FormatterSet fallbackFormatters)
    {
        var mimes = mimeTypes ?? [];
        var (cell, id, formatters) = CellDisplay.Show(value, mimes, fallbackFormatters);
        return new DisplayedValue(cell, id, formatters, mimes);
    }

    /// <inheritdoc />
    public override string ToString() => "(displayed value)";
}
