using System.Text;
using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server.Transport;

namespace Barometer.Kernel.Server.Dispatch;

/// <summary>
/// Makes the kernel's messages (its own session id, the parent header of the request they answer) and hands them to
/// the transport: replies on the request's channel, publications on iopub (with the <c>kernel.SESSION.TYPE</c> topic
/// ipykernel uses), input requests on stdin. Thread-safe.
/// </summary>
internal sealed class MessageSender(IKernelTransport transport)
{
    /// <summary>The kernel's session id (the <c>session</c> of every message it sends).</summary>
    public string Session { get; } = Guid.NewGuid().ToString();

    /// <summary>Answers <paramref name="request"/> on <paramref name="channel"/>.</summary>
    public void Reply(KernelChannel channel, string messageType, JsonObject content, JupyterMessage request, JsonObject? metadata = null) =>
        transport.Send(channel, JupyterMessage.Create(messageType, content, Session, request, metadata: metadata));

    /// <summary>Publishes on iopub; <paramref name="parent"/> is the request that caused it (null: none).</summary>
    public void Publish(string messageType, JsonObject content, JupyterMessage? parent, JsonObject? metadata = null, IReadOnlyList<byte[]>? buffers = null) =>
        transport.Send(KernelChannel.IOPub, JupyterMessage.Create(
            messageType,
            content,
            Session,
            parent,
            identities: [Encoding.UTF8.GetBytes($"kernel.{Session}.{messageType}")],
            metadata: metadata,
            buffers: buffers));

    /// <summary>Publishes the kernel's <c>status</c> (<c>starting</c>, <c>busy</c>, <c>idle</c>).</summary>
    public void Status(string executionState, JupyterMessage? parent) =>
        Publish("status", new JsonObject { ["execution_state"] = executionState }, parent);

    /// <summary>
    /// Sends a message on stdin for <paramref name="request"/>: a front end's stdin socket has the identity of its shell
    /// socket, so the request's identities route it.
    /// </summary>
    public void SendStdin(string messageType, JsonObject content, JupyterMessage request) =>
        transport.Send(KernelChannel.Stdin, JupyterMessage.Create(messageType, content, Session, request));
}
