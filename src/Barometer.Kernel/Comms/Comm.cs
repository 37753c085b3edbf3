using System.Text.Json.Nodes;

namespace Barometer.Kernel.Comms;

/// <summary>
/// One open Jupyter comm: a channel between kernel-side code and a front-end object (a widget's model, a custom
/// renderer) with the same <see cref="Id"/>. Made by <see cref="CommManager.Open"/> (the kernel opens it) or handed to a
/// target's handler (<see cref="CommManager.RegisterTarget"/>, the front end opened it). <see cref="Send"/> and
/// <see cref="Close"/> may be called from any thread; messages from one thread go out in the order sent.
/// </summary>
/// <remarks>
/// As ipykernel's <c>Comm</c>: <c>send</c> ↔ <see cref="Send"/>, <c>close</c> ↔ <see cref="Close"/>,
/// <c>on_msg</c> ↔ <see cref="MessageReceived"/>, <c>on_close</c> ↔ <see cref="Closed"/>.
/// </remarks>
public sealed class Comm
{
    private readonly CommManager _manager;
    private int _closed;

    internal Comm(CommManager manager, string id, string targetName, bool openedByKernel)
    {
        _manager = manager;
        Id = id;
        TargetName = targetName;
        OpenedByKernel = openedByKernel;
    }

    /// <summary>
    /// Raised for each <c>comm_msg</c> the front end sends to this comm, one at a time in the order they arrived, on
    /// the kernel's comm thread — also while a cell runs, so a running cell sees the values a front end sends. Keep
    /// handlers short: the next comm message waits for them. The sender is this comm.
    /// </summary>
    public event EventHandler<CommMessage>? MessageReceived;

    /// <summary>
    /// Raised once when the comm closes: the front end sent <c>comm_close</c> (its message), or kernel code called
    /// <see cref="Close"/> (the message sent). The sender is this comm.
    /// </summary>
    public event EventHandler<CommMessage>? Closed;

    /// <summary>The comm's id (<c>comm_id</c>), shared with the front end.</summary>
    public string Id { get; }

    /// <summary>The target the comm was opened for (<c>target_name</c>, e.g. <c>jupyter.widget</c>).</summary>
    public string TargetName { get; }

    /// <summary>True when kernel code opened it (<see cref="CommManager.Open"/>), false when the front end did.</summary>
    public bool OpenedByKernel { get; }

    /// <summary>False once either side closed it.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>
    /// Sends a <c>comm_msg</c> to the front end (<paramref name="data"/> and <paramref name="metadata"/> are copied, so
    /// the caller may reuse them).
    /// </summary>
    /// <exception cref="InvalidOperationException">The comm is closed.</exception>
    public void Send(JsonObject? data = null, JsonObject? metadata = null, IReadOnlyList<byte[]>? buffers = null)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"The comm {Id} (target '{TargetName}') is closed; nothing can be sent on it.");
        }

        _manager.Publish("comm_msg", new JsonObject { ["comm_id"] = Id, ["data"] = CommManager.Copy(data) }, metadata, buffers);
    }

    /// <summary>
    /// Closes the comm: sends <c>comm_close</c> with the optional payload, forgets the comm and raises
    /// <see cref="Closed"/>. Closing a closed comm does nothing.
    /// </summary>
    public void Close(JsonObject? data = null, JsonObject? metadata = null, IReadOnlyList<byte[]>? buffers = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _manager.Forget(this);
        _manager.Publish("comm_close", new JsonObject { ["comm_id"] = Id, ["data"] = CommManager.Copy(data) }, metadata, buffers);
        Closed?.Invoke(this, new CommMessage(CommManager.Copy(data), CommManager.Copy(metadata), buffers));
    }

    /// <summary>A <c>comm_msg</c> from the front end.</summary>
    internal void Receive(CommMessage message)
    {
        if (IsOpen)
        {
            MessageReceived?.Invoke(this, message);
        }
    }

    /// <summary>A <c>comm_close</c> from the front end: nothing is sent back.</summary>
    internal void CloseFromFrontEnd(CommMessage message)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _manager.Forget(this);
        Closed?.Invoke(this, message);
    }

    /// <inheritdoc />
    public override string ToString() => $"comm {Id} (target '{TargetName}'{(IsOpen ? string.Empty : ", closed")})";
}
