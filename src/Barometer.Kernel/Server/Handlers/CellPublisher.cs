using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// Turns one cell's events into iopub messages with the <c>execute_request</c> as parent, in order, on its own task:
/// <c>execute_input</c>, <c>stream</c>, <c>display_data</c>, <c>update_display_data</c>, <c>execute_result</c>,
/// <c>error</c>. Consecutive console writes that are already waiting are sent as one <c>stream</c> message, so a chatty
/// loop does not send a message per write, while a cell printing progress shows each line as it comes.
/// </summary>
internal sealed class CellPublisher
{
    private readonly MessageSender _sender;
    private readonly JupyterMessage _request;
    private readonly bool _silent;
    private static readonly AsyncLocal<CellPublisher?> RunningCellPublisher = new();
    // Cell events and the comm messages the cell's code sends, in the order they happened (see PublishInOrder).
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private CellStarted? _input;

    public CellPublisher(MessageSender sender, JupyterMessage request, bool silent)
    {
        _sender = sender;
        _request = request;
        _silent = silent;
        _loop = Task.Run(PublishAsync);
    }

    /// <summary>
    /// Takes a cell event (any thread; quick). A display update that comes after the cell ended (a chart's PNG) is
    /// published at once, still with the cell's <c>execute_request</c> as parent.
    /// </summary>
    public void OnEvent(CellEvent cellEvent)
    {
        if (!_events.Writer.TryWrite(cellEvent) && cellEvent is DisplayUpdated late)
        {
            Send("update_display_data", DisplayContent(late.DisplayId, late.Data));
        }
    }

    /// <summary>
    /// The publisher of the cell whose code runs on this async flow (set by <see cref="RunAs"/>), else null: a comm
    /// handler's flow, or the kernel's own.
    /// </summary>
    public static CellPublisher? Current => RunningCellPublisher.Value;

    /// <summary>Runs <paramref name="cell"/> with this publisher as <see cref="Current"/> on its async flow.</summary>
    public async Task<T> RunAs<T>(Func<Task<T>> cell)
    {
        RunningCellPublisher.Value = this; // an async method's change stays in its own flow and the flows it starts
        return await cell().ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a message the cell's code sends by itself (a comm's open, message or close) behind the cell's events, so it
    /// reaches iopub after the cell's <c>execute_input</c> and in order with its outputs, as ipykernel publishes on one
    /// socket; false once the cell has ended (the caller then publishes it at once). Sent even for a silent cell: a
    /// widget must reach the front end.
    /// </summary>
    public bool PublishInOrder(string messageType, JsonObject content, JsonObject metadata, IReadOnlyList<byte[]> buffers) =>
        _events.Writer.TryWrite(new CodeMessage(messageType, content, metadata, buffers));

    /// <summary>No more events: returns once everything taken was published.</summary>
    public Task CompleteAsync()
    {
        _events.Writer.TryComplete();
        return _loop;
    }

    /// <summary>Lines as a JSON array of strings (a traceback).</summary>
    public static JsonArray Lines(IEnumerable<string> lines) => new(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    private async Task PublishAsync()
    {
        await PublishEventsAsync().ConfigureAwait(false);
        AnnounceInput(); // a cell that produced no event after CellStarted still gets its execute_input
    }

    /// <summary>
    /// Sends the cell's <c>execute_input</c> if it has not been sent: when its code starts running (so a front end
    /// that counts a cell timeout from <c>execute_input</c>, as <c>notebooks run</c> does, never counts the kernel's
    /// start-up, a package restore or the compile), or before the first output that comes earlier (an error).
    /// </summary>
    private void AnnounceInput()
    {
        if (_input is { } input)
        {
            _input = null;
            Send("execute_input", new JsonObject { ["code"] = input.Code, ["execution_count"] = input.ExecutionCount });
        }
    }

    private async Task PublishEventsAsync()
    {
        var reader = _events.Reader;
        string? streamName = null;
        var text = new StringBuilder();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                if (item is CodeMessage message)
                {
                    Flush();
                    AnnounceInput();
                    _sender.Publish(message.Type, message.Content, _request, message.Metadata, message.Buffers);
                    continue;
                }

                var cellEvent = (CellEvent)item;
                if (cellEvent is StreamText stream)
                {
                    if (streamName is not null && streamName != stream.Name)
                    {
                        Flush();
                    }

                    streamName = stream.Name;
                    text.Append(stream.Text);
                    continue;
                }

                Flush();
                Publish(cellEvent);
            }

            Flush();
        }

        void Flush()
        {
            if (streamName is not null && text.Length > 0)
            {
                Send("stream", new JsonObject { ["name"] = streamName, ["text"] = text.ToString() });
            }

            streamName = null;
            text.Clear();
        }
    }

    private void Publish(CellEvent cellEvent)
    {
        if (cellEvent is CellStarted started)
        {
            _input = started; // announced when the code starts running (see AnnounceInput)
            return;
        }

        AnnounceInput();
        switch (cellEvent)
        {
            case DisplayShown shown:
                Send("display_data", DisplayContent(shown.DisplayId, shown.Data));
                break;
            case DisplayUpdated updated:
                Send("update_display_data", DisplayContent(updated.DisplayId, updated.Data));
                break;
            case ResultProduced result:
                Send("execute_result", new JsonObject { ["execution_count"] = result.ExecutionCount, ["data"] = Data(result.Data), ["metadata"] = new JsonObject() });
                break;
            case ErrorRaised raised:
                Send("error", ErrorContent(raised.Error));
                break;
        }
    }

    private void Send(string type, JsonObject content)
    {
        if (!_silent)
        {
            _sender.Publish(type, content, _request);
        }
    }

    /// <summary>
    /// The <c>error</c> content: ename, evalue, traceback, plus what a runner needs to point at the cell's source
    /// (<c>error_kind</c>, and the 1-based <c>line</c> and <c>column</c> in the cell when known); front ends ignore them.
    /// </summary>
    private static JsonObject ErrorContent(CellError error)
    {
        var content = new JsonObject
        {
            ["ename"] = error.EName,
            ["evalue"] = error.EValue,
            ["traceback"] = Lines(error.Traceback),
            ["error_kind"] = error.Kind.ToString(),
        };
        if (error.Line is int line)
        {
            content["line"] = line;
        }

        if (error.Column is int column)
        {
            content["column"] = column;
        }

        return content;
    }

    private static JsonObject DisplayContent(string displayId, MimeBundle data) => new()
    {
        ["data"] = Data(data),
        ["metadata"] = new JsonObject(),
        ["transient"] = new JsonObject { ["display_id"] = displayId },
    };

    /// <summary>A MIME bundle on the wire: JSON types as JSON, everything else as one string.</summary>
    private static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, text) in bundle)
        {
            data[mime] = MimeBundle.IsJsonMime(mime) ? MimeBundle.ToJsonValue(mime, text) : JsonValue.Create(text);
        }

        return data;
    }

    private sealed record CodeMessage(string Type, JsonObject Content, JsonObject Metadata, IReadOnlyList<byte[]> Buffers);
}
