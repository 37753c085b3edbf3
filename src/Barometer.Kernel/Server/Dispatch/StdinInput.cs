using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Server.Dispatch;

/// <summary>
/// A cell's <c>Console.ReadLine()</c> over the protocol: an <c>input_request</c> on stdin, answered by the front end's
/// <c>input_reply</c>. One request may be pending at a time; an interrupt cancels it.
/// </summary>
internal sealed class StdinInput(MessageSender sender)
{
    private TaskCompletionSource<string>? _pending;

    /// <summary>Asks the front end that sent <paramref name="parent"/> for a line; blocks the cell's thread until it answers.</summary>
    /// <exception cref="OperationCanceledException">The kernel was interrupted meanwhile.</exception>
    public string Request(JupyterMessage parent, string prompt, bool password)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _pending, pending, null) is not null)
        {
            throw new InvalidOperationException("The cell asked for input while another input request is pending.");
        }

        sender.SendStdin("input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }, parent);
        try
        {
            return pending.Task.GetAwaiter().GetResult();
        }
        catch (TaskCanceledException ex)
        {
            throw new OperationCanceledException("Input request interrupted.", ex);
        }
    }

    /// <summary>An <c>input_reply</c> arrived.</summary>
    public void Answer(JupyterMessage reply) =>
        Interlocked.Exchange(ref _pending, null)?.TrySetResult((string?)reply.Content["value"] ?? string.Empty);

    /// <summary>Cancels the pending request (interrupt).</summary>
    public void Cancel() => Interlocked.Exchange(ref _pending, null)?.TrySetCanceled();
}
