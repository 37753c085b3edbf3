namespace Tally;

/// <summary>Counts occurrences of items: the library a notebook references with #r "files/lib/Tally.dll".</summary>
public sealed class Counter<T> where T : notnull
{
    private readonly Dictionary<T, int> _counts = new();

    public int this[T item] => _counts.TryGetValue(item, out var count) ? count : 0;

    public int Total => _counts.Values.Sum();

    public Counter<T> Add(T item)
    {
        _counts[item] = this[item] + 1;
        return this;
    }

    public Counter<T> AddRange(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
        return this;
    }

    public IReadOnlyList<(T Item, int Count)> MostCommon(int top) =>
        _counts.OrderByDescending(pair => pair.Value).Take(top).Select(pair => (pair.Key, pair.Value)).ToList();
}
