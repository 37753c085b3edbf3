using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// The inputs (and text results) of this kernel's cells that stored history, for <c>history_request</c>:
/// <c>tail</c>, <c>range</c> and <c>search</c> (glob with <c>*</c> and <c>?</c>) as IPython answers them. Kept in
/// memory only: session 1 is the running kernel, a restarted kernel starts empty.
/// </summary>
internal sealed class ExecutionHistory
{
    /// <summary>The session number of the running kernel.</summary>
    public const int CurrentSession = 1;

    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>Records a cell's input and its result's <c>text/plain</c> (null if none).</summary>
    public void Add(int executionCount, string input, string? output)
    {
        lock (_gate)
        {
            _entries.Add(new Entry(executionCount, input, output));
        }
    }

    /// <summary>The <c>history</c> list of a <c>history_reply</c> for a request's content.</summary>
    public JsonArray Query(JsonObject request)
    {
        var output = request["output"] is JsonValue o && o.TryGetValue<bool>(out var withOutput) && withOutput;
        var n = request["n"] is JsonValue nv && nv.TryGetValue<int>(out var count) ? count : (int?)null;
        List<Entry> entries;
        lock (_gate)
        {
            entries = [.. _entries];
        }

        IEnumerable<Entry> selected = ((string?)request["hist_access_type"]) switch
        {
            "tail" => n is int last ? entries.TakeLast(last) : entries,
            "range" => Range(entries, request),
            "search" => Search(entries, request, n),
            _ => [],
        };
        return new JsonArray(selected.Select(e => (JsonNode?)new JsonArray(
            CurrentSession,
            e.Line,
            output ? new JsonArray(e.Input, e.Output) : JsonValue.Create(e.Input))).ToArray());
    }

    private static IEnumerable<Entry> Range(List<Entry> entries, JsonObject request)
    {
        var session = request["session"] is JsonValue s && s.TryGetValue<int>(out var number) ? number : 0;
        if (session > CurrentSession)
        {
            return [];
        }

        var start = request["start"] is JsonValue a && a.TryGetValue<int>(out var first) ? first : 0;
        var stop = request["stop"] is JsonValue b && b.TryGetValue<int>(out var end) ? end : int.MaxValue;
        return entries.Where(e => e.Line >= start && e.Line < stop);
    }

    private static IEnumerable<Entry> Search(List<Entry> entries, JsonObject request, int? n)
    {
        var pattern = (string?)request["pattern"] ?? "*";
        var glob = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.Singleline);
        var matches = entries.Where(e => glob.IsMatch(e.Input));
        if (request["unique"] is JsonValue u && u.TryGetValue<bool>(out var unique) && unique)
        {
            // The latest occurrence of each input.
            matches = matches.Reverse().DistinctBy(e => e.Input).Reverse();
        }

        return n is int last ? matches.TakeLast(last) : matches;
    }

    private sealed record Entry(int Line, string Input, string? Output);
}
