using System.Globalization;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// One Jupyter message: routing identities, header, parent header, metadata, content and binary buffers
/// (protocol 5.3). Content is kept as JSON; accessors read the common header fields.
/// </summary>
public sealed class JupyterMessage
{
    /// <summary>The protocol version this library speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>Creates a message from its parts.</summary>
    public JupyterMessage(JsonObject header, JsonObject parentHeader, JsonObject metadata, JsonObject content, IReadOnlyList<byte[]>? identities = null, IReadOnlyList<byte[]>? buffers = null)
    {
        Header = header;
        ParentHeader = parentHeader;
        Metadata = metadata;
        Content = content;
        Identities = identities ?? [];
        Buffers = buffers ?? [];
    }

    /// <summary>ZeroMQ routing identities (before the <c>&lt;IDS|MSG&gt;</c> delimiter).</summary>
    public IReadOnlyList<byte[]> Identities { get; }

    /// <summary>The header: msg_id, session, username, date, msg_type, version.</summary>
    public JsonObject Header { get; }

    /// <summary>The header of the message this one answers (empty if none).</summary>
    public JsonObject ParentHeader { get; }

    /// <summary>Metadata (often empty).</summary>
    public JsonObject Metadata { get; }

    /// <summary>The content, whose shape depends on <see cref="MessageType"/>.</summary>
    public JsonObject Content { get; }

    /// <summary>Extra binary buffers.</summary>
    public IReadOnlyList<byte[]> Buffers { get; }

    /// <summary>The header's <c>msg_type</c>.</summary>
    public string MessageType => (string?)Header["msg_type"] ?? string.Empty;

    /// <summary>The header's <c>msg_id</c>.</summary>
    public string MessageId => (string?)Header["msg_id"] ?? string.Empty;

    /// <summary>The header's <c>session</c>.</summary>
    public string Session => (string?)Header["session"] ?? string.Empty;

    /// <summary>The parent header's <c>msg_id</c>, if any.</summary>
    public string? ParentMessageId => (string?)ParentHeader["msg_id"];

    /// <summary>
    /// A new message of <paramref name="messageType"/> in <paramref name="session"/>; when it answers
    /// <paramref name="parent"/>, the parent header is copied (and, for replies on a ROUTER, the identities).
    /// <paramref name="metadata"/> (default empty) and binary <paramref name="buffers"/> (default none) are taken as given.
    /// </summary>
    public static JupyterMessage Create(
        string messageType,
        JsonObject content,
        string session,
        JupyterMessage? parent = null,
        IReadOnlyList<byte[]>? identities = null,
        string username = "kernel",
        JsonObject? metadata = null,
        IReadOnlyList<byte[]>? buffers = null) =>
        new(
            new JsonObject
            {
                ["msg_id"] = Guid.NewGuid().ToString("N"),
                ["session"] = session,
                ["username"] = username,
                ["date"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                ["msg_type"] = messageType,
                ["version"] = ProtocolVersion,
            },
            parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone(),
            metadata ?? new JsonObject(),
            content,
            identities ?? parent?.Identities,
            buffers);

    /// <inheritdoc />
    public override string ToString() => $"{MessageType} {MessageId}";
}
