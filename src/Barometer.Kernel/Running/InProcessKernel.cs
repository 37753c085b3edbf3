using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Running;

/// <summary>
/// A <see cref="ScriptSession"/> in this process, for hosts that embed the runner (tests, benchmarks). Fast, but not
/// isolated: a cell that calls <c>Environment.Exit</c> or overflows its stack ends the host. The process's working
/// directory is left alone; relative paths in cells resolve against it. <c>barometer notebooks run</c> uses
/// <see cref="JupyterKernel"/> instead, one kernel process per notebook.
/// </summary>
public sealed class InProcessKernel(ScriptSessionOptions options) : INotebookKernel
{
    private readonly ScriptSession _session = new(options);

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
        var result = await _session.ExecuteAsync(submission, onEvent, cancellationToken).ConfigureAwait(false);
        return new CellRun(result.Status, result.ExecutionCount, result.Error) { Trace = result.Trace };
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _session.Dispose();
        return ValueTask.CompletedTask;
    }
}
