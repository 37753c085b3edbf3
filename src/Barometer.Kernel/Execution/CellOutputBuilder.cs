using System.Text;
using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Collects a cell's <see cref="CellEvent"/>s into nbformat outputs, the way Jupyter front ends store them:
/// consecutive writes to the same stream merge into one <c>stream</c> output, a <see cref="DisplayUpdated"/>
/// replaces the data of the display it names, the result and the error come as they were raised. Thread-safe.
/// </summary>
public sealed class CellOutputBuilder
{
    private readonly object _gate = new();
    private readonly List<object> _items = [];
    private readonly Dictionary<string, DisplayItem> _displays = new(StringComparer.Ordinal);

    /// <summary>Adds one event (events without an output, such as <see cref="CellStarted"/>, are ignored).</summary>
    public void Add(CellEvent cellEvent)
    {
        ArgumentNullException.ThrowIfNull(cellEvent);
        lock (_gate)
        {
            switch (cellEvent)
            {
                case StreamText { Text.Length: > 0 } stream when _items.Count > 0 && _items[^1] is StreamItem last && last.Name == stream.Name:
                    last.Text.Append(stream.Text);
                    break;
                case StreamText { Text.Length: > 0 } stream:
                    _items.Add(new StreamItem(stream.Name, new StringBuilder(stream.Text)));
                    break;
                case DisplayShown shown:
                    var item = new DisplayItem { Data = shown.Data };
                    _displays[shown.DisplayId] = item;
                    _items.Add(item);
                    break;
                case DisplayUpdated updated when _displays.TryGetValue(updated.DisplayId, out var display):
                    display.Data = updated.Data;
                    break;
                case ResultProduced result:
                    _items.Add(CellOutput.ExecuteResult(result.ExecutionCount, result.Data));
                    break;
                case ErrorRaised error:
                    _items.Add(error.Error.ToOutput());
                    break;
            }
        }
    }

    /// <summary>The outputs so far, in order.</summary>
    public List<CellOutput> Build()
    {
        lock (_gate)
        {
            return _items.Select(i => i switch
            {
                StreamItem s => CellOutput.Stream(s.Name, s.Text.ToString()),
                DisplayItem d => CellOutput.DisplayData(d.Data),
                CellOutput o => o,
                _ => throw new InvalidOperationException("Unknown output item."),
            }).ToList();
        }
    }

    private sealed record StreamItem(string Name, StringBuilder Text);

    private sealed class DisplayItem
    {
        public required MimeBundle Data { get; set; }
    }
}
