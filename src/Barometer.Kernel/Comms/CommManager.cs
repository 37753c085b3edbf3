using System.Text.Json.Nodes;

namespace Barometer.Kernel.Comms;

/// <summary>
/// The comms of one script session (Jupyter messaging's <c>comm_open</c> / <c>comm_msg</c> / <c>comm_close</c> /
/// <c>comm_info_request</c>), reachable from cells as the <c>Comms</c> global: the targets kernel code registered for
/// comms that front ends open, and every comm open now. The model is ipykernel's comm API
/// (<c>comm.create_comm</c> ↔ <see cref="Open"/>, <c>CommManager.register_target</c> ↔ <see cref="RegisterTarget"/>).
/// Thread-safe.
/// </summary>
/// <remarks>
/// Under the Jupyter kernel, what the kernel side sends is published on iopub with the request being handled as its
/// parent (the running cell's <c>execute_request</c>, or the <c>comm_msg</c> whose handler sends), and front-end
/// messages are handled as they arrive, also while a cell runs. Outside a kernel (a headless in-process run) there is
/// no front end: comms open and close, and what they send goes nowhere.
/// </remarks>
public sealed class CommManager
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Comm> _comms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<Comm, CommMessage>> _targets = new(StringComparer.Ordinal);
    private ICommSink? _sink;

    /// <summary>The comms open now (a snapshot), in no particular order.</summary>
    public IReadOnlyList<Comm> OpenComms
    {
        get
        {
            lock (_gate)
            {
                return [.. _comms.Values];
            }
        }
    }

    /// <summary>The names of the registered targets (a snapshot).</summary>
    public IReadOnlyList<string> TargetNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _targets.Keys];
            }
        }
    }

    /// <summary>
    /// Registers what runs when a front end opens a comm for <paramref name="targetName"/> (<c>comm_open</c>):
    /// <paramref name="onOpen"/> gets the new comm and the open message's payload, and typically subscribes to
    /// <see cref="Comm.MessageReceived"/>. Replaces an earlier registration of the same name. A <c>comm_open</c> for a
    /// target nobody registered is answered with a <c>comm_close</c>, as ipykernel does; so is one whose handler throws.
    /// </summary>
    public void RegisterTarget(string targetName, Action<Comm, CommMessage> onOpen)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        ArgumentNullException.ThrowIfNull(onOpen);
        lock (_gate)
        {
            _targets[targetName] = onOpen;
        }
    }

    /// <summary>Removes a target's registration (open comms stay open); false if it was not registered.</summary>
    public bool UnregisterTarget(string targetName)
    {
        lock (_gate)
        {
            return _targets.Remove(targetName);
        }
    }

    /// <summary>
    /// Opens a comm from the kernel side: sends <c>comm_open</c> for <paramref name="targetName"/> (a target the front
    /// end knows, e.g. <c>jupyter.widget</c>) with the payload, and returns the comm, already listening for replies.
    /// </summary>
    public Comm Open(string targetName, JsonObject? data = null, JsonObject? metadata = null, IReadOnlyList<byte[]>? buffers = null) =>
        Open(Guid.NewGuid().ToString("N"), targetName, data, metadata, buffers);

    /// <summary>Opens a comm with a given id (a widget's model id is its comm's id).</summary>
    internal Comm Open(string commId, string targetName, JsonObject? data, JsonObject? metadata, IReadOnlyList<byte[]>? buffers)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        var comm = new Comm(this, commId, targetName, openedByKernel: true);
        lock (_gate)
        {
            _comms[comm.Id] = comm;
        }

        Publish("comm_open", new JsonObject { ["comm_id"] = comm.Id, ["target_name"] = targetName, ["data"] = Copy(data) }, metadata, buffers);
        return comm;
    }

    /// <summary>The open comm with id <paramref name="commId"/>, if any.</summary>
    public bool TryGetComm(string commId, out Comm comm)
    {
        lock (_gate)
        {
            return _comms.TryGetValue(commId, out comm!);
        }
    }

    /// <summary>Connects the manager to the kernel server that carries its messages (once, when the server makes the session).</summary>
    internal void Connect(ICommSink sink) => Volatile.Write(ref _sink, sink);

    /// <summary>
    /// A front end's <c>comm_open</c>: the comm is made and handed to its target's handler. False when no target of
    /// that name is registered; the comm is then closed again (a <c>comm_close</c> goes back). A handler that throws
    /// closes it too, and the exception propagates.
    /// </summary>
    internal bool HandleOpen(string commId, string targetName, CommMessage message)
    {
        var comm = new Comm(this, commId, targetName, openedByKernel: false);
        Action<Comm, CommMessage>? onOpen;
        lock (_gate)
        {
            _targets.TryGetValue(targetName, out onOpen);
            _comms[commId] = comm;
        }

        if (onOpen is null)
        {
            comm.Close();
            return false;
        }

        try
        {
            onOpen(comm, message);
            return true;
        }
        catch
        {
            comm.Close();
            throw;
        }
    }

    /// <summary>A front end's <c>comm_msg</c>; false when no comm of that id is open.</summary>
    internal bool HandleMessage(string commId, CommMessage message)
    {
        if (!TryGetComm(commId, out var comm))
        {
            return false;
        }

        comm.Receive(message);
        return true;
    }

    /// <summary>A front end's <c>comm_close</c>; false when no comm of that id is open.</summary>
    internal bool HandleClose(string commId, CommMessage message)
    {
        if (!TryGetComm(commId, out var comm))
        {
            return false;
        }

        comm.CloseFromFrontEnd(message);
        return true;
    }

    internal void Forget(Comm comm)
    {
        lock (_gate)
        {
            if (_comms.TryGetValue(comm.Id, out var known) && ReferenceEquals(known, comm))
            {
                _comms.Remove(comm.Id);
            }
        }
    }

    internal void Publish(string messageType, JsonObject content, JsonObject? metadata, IReadOnlyList<byte[]>? buffers) =>
        Volatile.Read(ref _sink)?.Send(messageType, content, Copy(metadata), buffers ?? []);

    /// <summary>A detached copy (a JSON node has one parent; the caller keeps theirs).</summary>
    internal static JsonObject Copy(JsonObject? value) => value is null ? [] : (JsonObject)value.DeepClone();
}
