using System.Collections;

namespace Barometer.Kernel.Formatting;

/// <summary>
/// A sequence to be shown as one HTML table (what <c>DisplayTable()</c> displays): a column per property of its
/// items, or one <c>value</c> column when they are scalars, whatever the default rendering of the sequence would be.
/// </summary>
internal sealed class TableView(IEnumerable rows)
{
    /// <summary>The rows.</summary>
    public IEnumerable Rows { get; } = rows;

    /// <inheritdoc />
    public override string ToString() => "(table)";
}
