using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Running;

/// <summary>
/// A <see cref="ScriptSession"/> in this process, for hosts that embed the runner (tests, benchmarks). Fast, but not
/// isolated: a cell that calls <c>Environment.Exit</c> or overflows its stack ends the host. The process's working
/// directory is left alone; relative paths in cells resolve against it. <c>barometer notebooks run</c> uses
/// <see cref="JupyterKernel"/> instead, one kernel process per notebook.
/// </summary>
public sealed class InProcessKernel : INotebookKernel, Comms.ICommSink
{
    private readonly ScriptSession _session;
    private Action<CellEvent>? _onEvent;

    /// <summary>Creates the session; what its comms send (widgets) is reported as <see cref="CommSent"/> events of the running cell.</summary>
    public InProcessKernel(ScriptSessionOptions options)
    {
        _session = new ScriptSession(options);
        _session.Comms.Connect(this);
    }

    /// <inheritdoc />
    public async Task<CellRun> ExecuteAsync(CellRequest request, Action<CellEvent> onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var submission = new CellSubmission(request.Code)
        {
            CellNumber = request.CellNumber,
            KernelName = request.KernelName,
            Timeout = request.Timeout,
        };
        Volatile.Write(ref _onEvent, onEvent);
        try
        {
            var result = await _session.ExecuteAsync(submission, onEvent, cancellationToken).ConfigureAwait(false);
            return new CellRun(result.Status, result.ExecutionCount, result.Error) { Trace = result.Trace };
        }
        finally
        {
            Volatile.Write(ref _onEvent, null);
        }
    }

    /// <inheritdoc />
    public Task WaitForPendingOutputsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _session.WhenOutputsCompleteAsync(timeout, cancellationToken);

    void Comms.ICommSink.Send(string messageType, System.Text.Json.Nodes.JsonObject content, System.Text.Json.Nodes.JsonObject metadata, IReadOnlyList<byte[]> buffers) =>
        Volatile.Read(ref _onEvent)?.Invoke(new CommSent(messageType, content, buffers));

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _session.Dispose();
        return ValueTask.CompletedTask;
    }
}
