namespace Barometer.Analysis.Charts;

/// <summary>The data a figure shows, as rows (written as <c>NAME.csv</c>). Cells are numbers, text, dates or null.</summary>
public sealed record FigureTable
{
    public FigureTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
            {
                throw new ArgumentException($"a row has {row.Count} cells but the table has {columns.Count} columns ({string.Join(", ", columns)})");
            }
        }

        (Columns, Rows) = (columns, rows);
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }
}
