using Barometer.Kernel.Formatting;
using Barometer.Kernel.Scripting;

namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary><c>sequence.DisplayTable()</c>, as in .NET Interactive (its namespace is imported in every cell).</summary>
public static class DisplayTableExtensions
{
    /// <summary>
    /// Shows <paramref name="source"/> as one HTML table: a column per public property of its items (one
    /// <c>value</c> column for scalars), whatever the default rendering of the sequence would be. .NET Interactive
    /// also sends a <c>application/table-schema+json</c> form; this kernel sends <c>text/html</c> and <c>text/plain</c>.
    /// </summary>
    public static DisplayedValue DisplayTable<T>(this IEnumerable<T> source, params string[] mimeTypes)
    {
        object? value = source is null ? null : new TableView(source);
        return DisplayedValue.Show(value, mimeTypes, FormatterSet.Default);
    }
}
