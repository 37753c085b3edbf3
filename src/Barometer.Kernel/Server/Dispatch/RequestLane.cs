using System.Threading.Channels;

namespace Barometer.Kernel.Server.Dispatch;

/// <summary>
/// One ordered queue of requests with its own worker: a request is processed only after the one before it finished.
/// The dispatcher keeps three, so that a running cell (shell) blocks neither interrupt and shutdown (control) nor the
/// comm messages a front end sends while it runs (comms).
/// </summary>
internal sealed class RequestLane
{
    private readonly Channel<KernelRequest> _queue = Channel.CreateUnbounded<KernelRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<KernelRequest, Task> _process;
    private Task? _worker;

    public RequestLane(string name, Func<KernelRequest, Task> process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The lane's name, for the log.</summary>
    public string Name { get; }

    /// <summary>Starts the worker.</summary>
    public void Start() => _worker = Task.Run(WorkAsync);

    /// <summary>Queues a request (from the transport's thread).</summary>
    public void Post(KernelRequest request) => _queue.Writer.TryWrite(request);

    /// <summary>Accepts no more requests; the worker ends after the queued ones.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>The worker (completed once the lane is complete and empty).</summary>
    public Task Completion => _worker ?? Task.CompletedTask;

    private async Task WorkAsync()
    {
        await foreach (var request in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await _process(request).ConfigureAwait(false);
        }
    }
}
