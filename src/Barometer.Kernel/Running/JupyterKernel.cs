using System.Text.Json.Nodes;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Running;

/// <summary>
/// A kernel process of its own for one notebook, driven over the Jupyter protocol as nbclient drives one: started
/// from a kernelspec-style argv in the notebook's folder, sent one <c>execute_request</c> per cell, its iopub
/// messages turned back into the <see cref="CellEvent"/>s the in-process session raises. What a cell does to its
/// process (<c>Environment.Exit</c>, a stack overflow, running out of memory) ends that process only: the cell gets a
/// <c>DeadKernelError</c> naming it. A cell that outlives its timeout — counted from the kernel's <c>execute_input</c>,
/// which this project's kernel sends once the cell has compiled and starts running, so the kernel's start-up, a package
/// restore and the compile are never counted — is interrupted; if it does not stop within <see cref="InterruptGrace"/>,
/// the kernel process is stopped and the cell gets a <c>CellTimeoutError</c>.
/// </summary>
/// <remarks>
/// Each request carries, in its metadata, <c>cellId</c> (as VS Code sends it), and two fields this project's kernel
/// reads and others ignore: <c>cellNumber</c> (the cell's position in the notebook, so errors name it) and
/// <c>kernelName</c> (a Polyglot cell's own language, so a non-C# cell is reported as such).
/// </remarks>
public sealed class JupyterKernel : INotebookKernel
{
    private readonly KernelClient _client;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Action<CellEvent>> _cells = new(StringComparer.Ordinal);
    private bool _lost;

    private JupyterKernel(KernelClient client)
    {
        _client = client;
        _client.LateIopub = OnLateIopub;
    }

    /// <summary>How long an interrupted cell may take to stop before its kernel is stopped (default 5 s).</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The kernel process's id.</summary>
    public int? ProcessId => _client.ProcessId;

    /// <summary>Starts a kernel process and waits until it answers <c>kernel_info_request</c>.</summary>
    /// <exception cref="DeadKernelException">The process could not start or exited before it was ready.</exception>
    /// <exception cref="TimeoutException">It was not ready within <see cref="KernelStartInfo.StartupTimeout"/>.</exception>
    public static async Task<JupyterKernel> StartAsync(KernelStartInfo startInfo, CancellationToken cancellationToken = default) =>
        new(await KernelClient.StartAsync(startInfo, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<CellRun> ExecuteAsync(CellRequest request, Action<CellEvent> onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onEvent);
        var location = new CellLocation(request.CellNumber, 0, request.Code);
        if (_lost)
        {
            return Died(location, "it had already stopped before this cell.", onEvent);
        }

        var metadata = new JsonObject { ["cellNumber"] = request.CellNumber };
        if (request.CellId is not null)
        {
            metadata["cellId"] = request.CellId;
        }

        if (request.KernelName is not null)
        {
            metadata["kernelName"] = request.KernelName;
        }

        var options = new ExecuteOptions { StopOnError = false, Metadata = metadata };
        // The timeout counts from the kernel's word that the cell runs (execute_input; this project's kernel sends it
        // once the code has compiled), never from the request: a kernel still starting its session, restoring
        // packages or compiling has not started the cell.
        using var timeout = new CancellationTokenSource();
        var clockStarted = false;
        void StartClock()
        {
            if (!clockStarted && request.Timeout != Timeout.InfiniteTimeSpan)
            {
                clockStarted = true;
                timeout.CancelAfter(request.Timeout);
            }
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var finished = new CancellationTokenSource();
        using var interrupting = timeout.Token.Register(() =>
        {
            linked.CancelAfter(InterruptGrace);
            _ = InterruptUntilAsync(finished.Token);
        });

        var executionCount = (int?)null;
        CellError? error = null;
        CellTrace? trace = null;
        try
        {
            await foreach (var message in _client.ExecuteAsync(request.Code, options, linked.Token).ConfigureAwait(false))
            {
                if (message.ParentMessageId is { } parent)
                {
                    _cells.TryAdd(parent, onEvent); // where its display updates go after it finished (a chart's PNG)
                }

                switch (IopubEvents.ToCellEvent(message))
                {
                    case CellStarted started:
                        StartClock();
                        executionCount = started.ExecutionCount;
                        onEvent(started);
                        break;
                    case ErrorRaised raised:
                        error = raised.Error;
                        onEvent(raised);
                        break;
                    case StreamText stream:
                        onEvent(stream); // may come before execute_input (a package restore's lines): not a start
                        break;
                    case { } cellEvent:
                        StartClock(); // a display or result: the code runs, even from a kernel that sent no execute_input
                        onEvent(cellEvent);
                        break;
                    case null when message.MessageType == "execute_reply":
                        executionCount = IopubEvents.ExecutionCount(message) ?? executionCount;
                        trace = CellTrace.FromJson(message.Metadata[CellTrace.MetadataKey]);
                        break;
                }
            }
        }
        catch (DeadKernelException dead)
        {
            _lost = true;
            return Died(location with { ExecutionCount = executionCount ?? 0 }, Describe(dead), onEvent, executionCount);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run was cancelled (Ctrl+C): the session is discarded, so the kernel is stopped at once, not asked to shut down.
            _lost = true;
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Interrupted at the timeout and still running after the grace: stop the process, as nbclient does.
            _lost = true;
            await _client.DisposeAsync().ConfigureAwait(false);
            var stopped = ErrorReporter.TimeoutKernelStopped(request.Timeout, location with { ExecutionCount = executionCount ?? 0 });
            onEvent(new ErrorRaised(stopped));
            return new CellRun(CellExecutionStatus.TimedOut, executionCount, stopped);
        }

        finally
        {
            await finished.CancelAsync().ConfigureAwait(false);
        }

        if (error is null)
        {
            return new CellRun(CellExecutionStatus.Succeeded, executionCount, null) { Trace = trace };
        }

        if (timeout.IsCancellationRequested && error.Kind == CellErrorKind.Interrupted)
        {
            // The cell stopped when interrupted at its timeout: report the timeout, which is what happened.
            var timedOut = ErrorReporter.Timeout(request.Timeout, location with { ExecutionCount = executionCount ?? 0 });
            return new CellRun(CellExecutionStatus.TimedOut, executionCount, timedOut) { Trace = trace };
        }

        return new CellRun(error.Kind == CellErrorKind.Interrupted ? CellExecutionStatus.Interrupted : CellExecutionStatus.Failed, executionCount, error) { Trace = trace };
    }

    /// <summary>
    /// Asks the kernel for the outputs it still owes finished cells (charts' PNGs) and waits until it sent them (at most
    /// <paramref name="timeout"/>): each arrives as an <c>update_display_data</c> for its cell's display.
    /// </summary>
    public async Task WaitForPendingOutputsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_lost || _client.HasExited)
        {
            return;
        }

        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout + TimeSpan.FromSeconds(10));
            await _client.SendAsync(PendingOutputsRequest, new JsonObject { ["timeout"] = timeout.TotalSeconds }, cancellationToken: bounded.Token).ConfigureAwait(false);
        }
        catch (DeadKernelException)
        {
            _lost = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the kernel did not answer in time: the notebook is written without the images still missing
        }
    }

    private const string PendingOutputsRequest = "barometer_pending_outputs_request";

    private void OnLateIopub(JupyterMessage message)
    {
        if (message.MessageType == "update_display_data" && message.ParentMessageId is { } parent && _cells.TryGetValue(parent, out var onEvent)
            && IopubEvents.ToCellEvent(message) is DisplayUpdated update)
        {
            onEvent(update);
        }
    }

    /// <summary>Asks the kernel to shut down, then stops its process (at once when a cell's run was cancelled or the kernel is lost).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_lost)
        {
            try
            {
                await _client.ShutdownAsync(grace: TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DeadKernelException or TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
                // Already gone or not answering: DisposeAsync below stops the process.
            }
        }

        await _client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Interrupts the cell, and again every half second until it has finished: an interrupt that reaches the kernel
    /// before the cell has started (still queued, or its session still being created) interrupts nothing.
    /// </summary>
    private async Task InterruptUntilAsync(CancellationToken finished)
    {
        try
        {
            while (!finished.IsCancellationRequested)
            {
                await _client.InterruptAsync(finished).WaitAsync(InterruptGrace, finished).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(500), finished).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DeadKernelException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // The cell finished, the kernel died, or the grace ran out: the execution loop reports which.
        }
    }

    private static CellRun Died(CellLocation location, string detail, Action<CellEvent> onEvent, int? executionCount = null)
    {
        var error = ErrorReporter.KernelDied(location, detail);
        onEvent(new ErrorRaised(error));
        return new CellRun(CellExecutionStatus.KernelDied, executionCount, error);
    }

    private static string Describe(DeadKernelException dead)
    {
        var how = dead.ExitCode is int code ? $"its process exited with code {code}" : dead.Message;
        // The runtime's own words for a fatal end ("Stack overflow.", "Out of memory.", "Unhandled exception. …") say
        // more than the frames it prints after them.
        var lines = dead.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var said = lines.FirstOrDefault(l => l.StartsWith("Stack overflow", StringComparison.Ordinal) || l.StartsWith("Out of memory", StringComparison.Ordinal) ||
                                             l.StartsWith("Unhandled exception", StringComparison.Ordinal) || l.StartsWith("Process terminated", StringComparison.Ordinal))
                   ?? lines.LastOrDefault();
        return said is null ? how + "." : $"{how}; it wrote: {said}";
    }
}
