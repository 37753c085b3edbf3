using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Scripting;

/// <summary><c>value.Display()</c>, as in .NET Interactive (its namespace is imported in every cell).</summary>
public static class DisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> as a <c>display_data</c> output of the running cell.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        DisplayedValue.Show(value, mimeTypes, FormatterSet.Default);
}
