using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Scripting;

/// <summary>A value shown with <c>display(...)</c>; <see cref="Update"/> replaces it in the cell's output.</summary>
public sealed class DisplayedValue
{
    private readonly OutputCollector.DisplayHandle? _handle;
    private readonly FormatterSet _formatters;
    private readonly string[] _mimeTypes;

    private DisplayedValue(OutputCollector.DisplayHandle? handle, FormatterSet formatters, string[] mimeTypes)
    {
        _handle = handle;
        _formatters = formatters;
        _mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the displayed value.</summary>
    public void Update(object? value) => _handle?.Update(Format(_formatters, value, _mimeTypes));

    internal static DisplayedValue Show(object? value, string[]? mimeTypes, FormatterSet fallbackFormatters)
    {
        var collector = OutputCollector.Current;
        var formatters = collector?.Formatters ?? fallbackFormatters;
        var mimes = mimeTypes ?? [];
        var handle = collector?.AddDisplay(Format(formatters, value, mimes));
        return new DisplayedValue(handle, formatters, mimes);
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
