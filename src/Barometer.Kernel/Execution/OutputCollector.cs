using System.Text;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Collects the outputs of one running cell in order: console text (consecutive writes to the same stream
/// merge into one <c>stream</c> output, as Jupyter does) and displayed values. Thread-safe; after
/// <see cref="Close"/> further writes (e.g. from code still running after a timeout) are ignored.
/// </summary>
internal sealed class OutputCollector(FormatterSet formatters)
{
    /// <summary>Console text kept per cell; beyond it the stream is truncated with a note.</summary>
    public const int MaxStreamChars = 4 * 1024 * 1024;

    private static readonly AsyncLocal<OutputCollector?> CurrentCollector = new();

    private readonly object _gate = new();
    private readonly List<object> _items = [];
    private int _streamChars;
    private bool _truncated;
    private bool _closed;

    /// <summary>The collector of the cell whose code is running on this async flow (null outside cells).</summary>
    public static OutputCollector? Current
    {
        get => CurrentCollector.Value;
        set => CurrentCollector.Value = value;
    }

    /// <summary>The formatters of the session running the cell (used by <c>display(...)</c>).</summary>
    public FormatterSet Formatters { get; } = formatters;

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_closed || _truncated)
            {
                return;
            }

            if (_streamChars + text.Length > MaxStreamChars)
            {
                text = text[..Math.Max(0, MaxStreamChars - _streamChars)] + $"\n... (output truncated after {MaxStreamChars} characters)\n";
                _truncated = true;
            }

            _streamChars += text.Length;
            if (_items.Count > 0 && _items[^1] is StreamItem last && last.Name == name)
            {
                last.Text.Append(text);
            }
            else
            {
                _items.Add(new StreamItem(name, new StringBuilder(text)));
            }
        }
    }

    public DisplayHandle AddDisplay(MimeBundle data)
    {
        var item = new DisplayItem { Data = data };
        lock (_gate)
        {
            if (!_closed)
            {
                _items.Add(item);
            }
        }

        return new DisplayHandle(this, item);
    }

    internal void Update(DisplayItem item, MimeBundle data)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                item.Data = data;
            }
        }
    }

    /// <summary>Stops collecting and returns the outputs.</summary>
    public List<CellOutput> Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _items.Select(i => i switch
            {
                StreamItem s => CellOutput.Stream(s.Name, s.Text.ToString()),
                DisplayItem d => CellOutput.DisplayData(d.Data),
                _ => throw new InvalidOperationException(),
            }).ToList();
        }
    }

    private sealed record StreamItem(string Name, StringBuilder Text);

    internal sealed class DisplayItem
    {
        public required MimeBundle Data { get; set; }
    }

    internal sealed class DisplayHandle(OutputCollector collector, DisplayItem item)
    {
        public void Update(MimeBundle data) => collector.Update(item, data);
    }
}
