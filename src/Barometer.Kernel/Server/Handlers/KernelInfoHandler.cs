using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server.Dispatch;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// <c>kernel_info_request</c>: what the kernel is (<see cref="KernelInfo"/>, built without loading Roslyn). After the
/// first reply the interpreter starts warming up in the background.
/// </summary>
internal sealed class KernelInfoHandler(Interpreter interpreter) : IMessageHandler
{
    public Task HandleAsync(KernelRequest request)
    {
        request.Reply("kernel_info_reply", KernelInfo.ReplyContent());
        interpreter.NoteActivity();
        interpreter.StartWarmUp(request.Stopping);
        return Task.CompletedTask;
    }
}
