using System.Text.Json.Nodes;
using Barometer.Kernel.Comms;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// Publishes what kernel code says on its comms (<c>comm_open</c>, <c>comm_msg</c>, <c>comm_close</c>) on iopub, with
/// the request on whose behalf the code runs as parent (<see cref="MessageDispatcher.CurrentParent"/>): the running
/// cell's <c>execute_request</c>, or the <c>comm_msg</c> being handled. What a running cell's code sends goes out behind
/// that cell's own messages (<see cref="CellPublisher.PublishInOrder"/>): a widget displayed after
/// <c>execute_input</c>, not before it.
/// </summary>
internal sealed class CommPublisher(MessageSender sender, MessageDispatcher dispatcher) : ICommSink
{
    public void Send(string messageType, JsonObject content, JsonObject metadata, IReadOnlyList<byte[]> buffers)
    {
        if (CellPublisher.Current?.PublishInOrder(messageType, content, metadata, buffers) == true)
        {
            return;
        }

        sender.Publish(messageType, content, dispatcher.CurrentParent, metadata, buffers);
    }
}
