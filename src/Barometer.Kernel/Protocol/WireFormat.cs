using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// Jupyter messages on ZeroMQ: <c>[identities…] &lt;IDS|MSG&gt; signature header parent_header metadata content [buffers…]</c>.
/// Every encoded message is signed; a decoded message whose signature does not verify is rejected.
/// </summary>
internal static class WireFormat
{
    /// <summary>The frame separating routing identities from the message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>Encodes and signs a message.</summary>
    public static NetMQMessage Encode(JupyterMessage message, MessageSigner signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signer);
        var header = Json(message.Header);
        var parent = Json(message.ParentHeader);
        var metadata = Json(message.Metadata);
        var content = Json(message.Content);
        var frames = new NetMQMessage();
        foreach (var identity in message.Identities)
        {
            frames.Append(identity);
        }

        frames.Append(Delimiter);
        frames.Append(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Append(header);
        frames.Append(parent);
        frames.Append(metadata);
        frames.Append(content);
        foreach (var buffer in message.Buffers)
        {
            frames.Append(buffer);
        }

        return frames;
    }

    /// <summary>Decodes a received multipart message and verifies its signature.</summary>
    /// <param name="frames">The frames as received.</param>
    /// <param name="signer">The connection's signer.</param>
    /// <param name="message">The message, when decoding succeeded.</param>
    /// <param name="problem">Why it was rejected, otherwise.</param>
    public static bool TryDecode(IReadOnlyList<byte[]> frames, MessageSigner signer, out JupyterMessage? message, out string? problem) =>
        TryDecode(frames, signer, history: null, out message, out problem);

    /// <summary>
    /// Decodes a received multipart message, verifies its signature and, with a <paramref name="history"/>, rejects a
    /// message whose signature was accepted before (a replay); the signature is recorded only once the whole message
    /// decoded.
    /// </summary>
    public static bool TryDecode(IReadOnlyList<byte[]> frames, MessageSigner signer, SignatureHistory? history, out JupyterMessage? message, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(signer);
        message = null;
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }

        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            problem = $"malformed message ({frames.Count} frames, {(delimiter < 0 ? "no <IDS|MSG> delimiter" : "fewer than 5 frames after the delimiter")})";
            return false;
        }

        var signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        var header = frames[delimiter + 2];
        var parent = frames[delimiter + 3];
        var metadata = frames[delimiter + 4];
        var content = frames[delimiter + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
        {
            problem = "invalid signature (not signed with this connection's key)";
            return false;
        }

        JupyterMessage decoded;
        try
        {
            decoded = new JupyterMessage(
                Parse(header, "header"),
                Parse(parent, "parent_header"),
                Parse(metadata, "metadata"),
                Parse(content, "content"),
                frames.Take(delimiter).ToList(),
                frames.Skip(delimiter + 6).ToList());
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            problem = $"malformed message: {ex.Message}";
            return false;
        }

        if (signer.IsSigning && history is not null && !history.TryAdd(signature))
        {
            problem = $"duplicate signature (a replay of message {(string?)decoded.Header["msg_id"] ?? "?"} of type '{decoded.MessageType}')";
            return false;
        }

        message = decoded;
        problem = null;
        return true;
    }

    /// <summary>The frames of a received NetMQ message.</summary>
    public static List<byte[]> Frames(NetMQMessage message) => message.Select(f => f.ToByteArray()).ToList();

    // Not ToJsonString(): its escaping keeps pooled arrays of six times a large string's length (see JsonFrame).
    private static byte[] Json(JsonObject value) => JsonFrame.Encode(value);

    private static JsonObject Parse(byte[] frame, string part) =>
        JsonNode.Parse(frame) as JsonObject ?? throw new FormatException($"{part} is not a JSON object");
}
