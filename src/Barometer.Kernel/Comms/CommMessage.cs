using System.Text.Json.Nodes;

namespace Barometer.Kernel.Comms;

/// <summary>
/// What one comm message carries, in either direction (<c>comm_open</c>, <c>comm_msg</c>, <c>comm_close</c>): the
/// content's <c>data</c>, the message's <c>metadata</c>, and its binary <c>buffers</c> (the frames after the content on
/// the wire, which Jupyter widgets use for arrays and images).
/// </summary>
public sealed class CommMessage
{
    /// <summary>Creates a message; null parts are empty.</summary>
    public CommMessage(JsonObject? data = null, JsonObject? metadata = null, IReadOnlyList<byte[]>? buffers = null)
    {
        Data = data ?? [];
        Metadata = metadata ?? [];
        Buffers = buffers ?? [];
    }

    /// <summary>The content's <c>data</c> (the comm's own payload; empty when the sender gave none).</summary>
    public JsonObject Data { get; }

    /// <summary>The message's <c>metadata</c> (often empty).</summary>
    public JsonObject Metadata { get; }

    /// <summary>The binary buffers, in order.</summary>
    public IReadOnlyList<byte[]> Buffers { get; }
}
