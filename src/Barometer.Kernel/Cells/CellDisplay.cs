using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Cells;

/// <summary>Shows a value as a <c>display_data</c> output of the running cell (what <c>display(...)</c> and <c>value.Display()</c> do).</summary>
internal static class CellDisplay
{
    /// <summary>
    /// Formats <paramref name="value"/> (for <paramref name="mimeTypes"/> only, when given and any applies) with the running
    /// cell's formatters (<paramref name="fallbackFormatters"/> outside cells) and shows it: inside an <c>Output</c>
    /// widget's capture in the widget, otherwise in the running cell. Returns the cell and display id that can update
    /// it (both null when captured or outside cells) and the formatters used.
    /// </summary>
    public static (IRunningCell? Cell, string? DisplayId, FormatterSet Formatters) Show(object? value, string[] mimeTypes, FormatterSet fallbackFormatters)
    {
        var cell = IRunningCell.Current;
        var formatters = cell?.Formatters ?? fallbackFormatters;
        if (IOutputRedirect.Current is { } redirect)
        {
            // Inside an Output widget's capture: the value goes into the widget, not the cell.
            redirect.AddDisplay(Format(formatters, value, mimeTypes));
            return (null, null, formatters);
        }

        var id = cell?.AddDisplay(Format(formatters, value, mimeTypes));
        return (cell, id, formatters);
    }

    /// <summary>Shows <paramref name="value"/> for every MIME type that applies (see <see cref="Show(object?, string[], FormatterSet)"/>).</summary>
    public static void Show(object? value) => Show(value, [], FormatterSet.Default);

    /// <summary>The bundle of <paramref name="value"/>, kept to <paramref name="mimeTypes"/> when any of them applies.</summary>
    public static MimeBundle Format(FormatterSet formatters, object? value, string[] mimeTypes)
    {
        var bundle = formatters.Format(value);
        if (mimeTypes.Length == 0)
        {
            return bundle;
        }

        var filtered = new MimeBundle(bundle.Where(b => mimeTypes.Contains(b.Key)));
        return filtered.Count > 0 ? filtered : bundle;
    }
}
