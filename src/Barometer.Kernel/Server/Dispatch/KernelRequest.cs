using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Server.Dispatch;

/// <summary>A request being handled: the message, where it came from, and how to answer it.</summary>
internal sealed class KernelRequest
{
    private readonly MessageSender _sender;
    private readonly MessageDispatcher _dispatcher;

    public KernelRequest(JupyterMessage message, KernelChannel channel, long sequence, MessageSender sender, MessageDispatcher dispatcher, CancellationToken stopping)
    {
        Message = message;
        Channel = channel;
        Sequence = sequence;
        _sender = sender;
        _dispatcher = dispatcher;
        Stopping = stopping;
    }

    /// <summary>The request.</summary>
    public JupyterMessage Message { get; }

    /// <summary>The request's content.</summary>
    public JsonObject Content => Message.Content;

    /// <summary>The channel it arrived on; replies go back there.</summary>
    public KernelChannel Channel { get; }

    /// <summary>Its position among the shell requests received in order (1, 2, …); 0 for control and comm messages.</summary>
    public long Sequence { get; }

    /// <summary>Cancelled when the kernel shuts down.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>The sender of the kernel's messages.</summary>
    public MessageSender Sender => _sender;

    /// <summary>
    /// True when a cell that failed with <c>stop_on_error</c> asked to abort the shell requests received before its
    /// reply, and this is one of them.
    /// </summary>
    public bool IsAborted => Sequence > 0 && Sequence <= _dispatcher.AbortedThrough;

    /// <summary>Aborts the shell requests received so far and not yet handled (<c>stop_on_error</c> after a failed cell).</summary>
    public void AbortQueuedRequests() => _dispatcher.AbortReceivedRequests();

    /// <summary>Answers the request on its channel.</summary>
    public void Reply(string messageType, JsonObject content, JsonObject? metadata = null) => _sender.Reply(Channel, messageType, content, Message, metadata);

    /// <summary>Publishes on iopub with this request as parent.</summary>
    public void Publish(string messageType, JsonObject content) => _sender.Publish(messageType, content, Message);

    /// <summary>Reads an optional boolean field of the content.</summary>
    public bool Flag(string name, bool fallback) =>
        Content[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : fallback;

    /// <summary>Reads an optional string field of the content (empty when missing).</summary>
    public string Text(string name) => (string?)Content[name] ?? string.Empty;

    /// <inheritdoc />
    public override string ToString() => $"{Message.MessageType} on {Channel.ToString().ToLowerInvariant()}";
}
