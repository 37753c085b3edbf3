using System.Text.Json.Nodes;

namespace Barometer.Kernel.Comms;

/// <summary>
/// Where a <see cref="CommManager"/> sends what the kernel side says (<c>comm_open</c>, <c>comm_msg</c>,
/// <c>comm_close</c>): the kernel server publishes it on iopub, with the request being handled as parent. Called from
/// any thread.
/// </summary>
internal interface ICommSink
{
    /// <summary>Sends one comm message with its complete content (<c>comm_id</c>, <c>data</c>, …).</summary>
    void Send(string messageType, JsonObject content, JsonObject metadata, IReadOnlyList<byte[]> buffers);
}
