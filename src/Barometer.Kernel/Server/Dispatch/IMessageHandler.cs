namespace Barometer.Kernel.Server.Dispatch;

/// <summary>
/// Handles one kind of request (an entry of the <see cref="MessageDispatcher"/>'s table): answers it, publishes what it
/// causes, calls the interpreter. Called between the request's <c>busy</c> and <c>idle</c> status; an exception is
/// logged, never sent.
/// </summary>
internal interface IMessageHandler
{
    /// <summary>Handles <paramref name="request"/>.</summary>
    Task HandleAsync(KernelRequest request);
}
