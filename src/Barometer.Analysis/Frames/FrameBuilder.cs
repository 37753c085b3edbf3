using Microsoft.Data.Analysis;

namespace Barometer.Analysis.Frames;

/// <summary>
/// Builds a <see cref="DataFrame"/> from typed records, one typed column per call: text, integers, decimals, dates
/// (as <see cref="DateTime"/> at midnight, the type DataFrame columns support) and booleans. A null is a missing value.
/// </summary>
internal sealed class FrameBuilder<T>(IReadOnlyList<T> rows)
{
    private readonly List<DataFrameColumn> _columns = [];

    public FrameBuilder<T> Text(string name, Func<T, string?> value) =>
        Add(new StringDataFrameColumn(name, rows.Select(value)));

    public FrameBuilder<T> Int(string name, Func<T, int?> value) =>
        Add(new Int32DataFrameColumn(name, rows.Select(value)));

    public FrameBuilder<T> Decimal(string name, Func<T, decimal?> value) =>
        Add(new DecimalDataFrameColumn(name, rows.Select(value)));

    public FrameBuilder<T> Date(string name, Func<T, DateOnly?> value) =>
        Add(new DateTimeDataFrameColumn(name, rows.Select(r => value(r) is { } d ? d.ToDateTime(TimeOnly.MinValue) : (DateTime?)null)));

    public FrameBuilder<T> Bool(string name, Func<T, bool> value) =>
        Add(new BooleanDataFrameColumn(name, rows.Select(r => (bool?)value(r))));

    public DataFrame Build() => new(_columns);

    private FrameBuilder<T> Add(DataFrameColumn column)
    {
        _columns.Add(column);
        return this;
    }
}
