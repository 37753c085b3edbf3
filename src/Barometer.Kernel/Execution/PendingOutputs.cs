namespace Barometer.Kernel.Execution;

/// <summary>
/// Outputs a session still owes its cells (a chart's PNG, sent as an update of its display when rendered), so a
/// headless run can wait for them before it writes the notebook. Thread-safe; completed work is forgotten.
/// </summary>
internal sealed class PendingOutputs
{
    private readonly HashSet<Task> _pending = [];

    /// <summary>Tracks <paramref name="work"/> until it completes (its failure is observed here).</summary>
    public void Add(Task work)
    {
        lock (_pending)
        {
            _pending.Add(work);
        }

        work.ContinueWith(
            t =>
            {
                _ = t.Exception;
                lock (_pending)
                {
                    _pending.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>How many are still pending.</summary>
    public int Count
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Completes when everything added so far has completed, or after <paramref name="timeout"/>; true when all completed.</summary>
    public async Task<bool> WhenAllAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task[] now;
        lock (_pending)
        {
            now = [.. _pending];
        }

        try
        {
            await Task.WhenAll(now).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (now.All(t => t.IsCompleted))
        {
            return true; // a failed one is done too (its cell simply gets no update)
        }
    }
}
