namespace Barometer.Kernel.Magics;

/// <summary>A text kept by <c>#!value</c>, with the MIME type it was stored as (<c>text/plain</c> unless given).</summary>
internal sealed record StoredValue(string MimeType, string Text);

/// <summary>
/// The session's <c>#!value</c> store (.NET Interactive's <c>value</c> kernel): name → text and MIME type. A later
/// <c>#!value</c> of the same name replaces the text. Read by <c>#!share --from value</c> and <c>#!set --value @value:</c>.
/// </summary>
internal sealed class ValueStore
{
    private readonly Dictionary<string, StoredValue> _values = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _values.Keys;

    public void Set(string name, StoredValue value) => _values[name] = value;

    /// <exception cref="MagicException">Nothing is stored under <paramref name="name"/>.</exception>
    public StoredValue Get(string name) => _values.TryGetValue(name, out var value)
        ? value
        : throw new MagicException(_values.Count == 0
            ? $"no value named '{name}': no #!value cell has stored one yet"
            : $"no value named '{name}'; stored: {string.Join(", ", _values.Keys.Order(StringComparer.Ordinal))}");
}
