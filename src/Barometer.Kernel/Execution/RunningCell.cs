using Barometer.Kernel.Cells;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// The cell whose code is running on the current async flow: where its console text, displays and input
/// requests go. Set by <see cref="ScriptSession"/> for the cell's run through an <see cref="AsyncLocal{T}"/>,
/// which flows into the tasks and threads the cell starts, so sessions running concurrently stay apart (the slot is
/// <see cref="IRunningCell.Current"/>: the cell-facing folders see the cell as an <see cref="IRunningCell"/>). After
/// <see cref="Close"/> (the cell finished or was abandoned) further output is dropped. Everything the cell shows
/// passes its <see cref="OutputBudget"/>. A display whose bundle completes later (<see cref="Documents.MimeBundle.Completion"/>:
/// a chart's PNG) is shown at once and updated when complete, even after the cell ended; <paramref name="pending"/>
/// tracks those updates.
/// </summary>
internal sealed class RunningCell(FormatterSet formatters, OutputBudget budget, Action<CellEvent> emit, Func<string, bool, string>? input, CancellationToken cancellationToken, Comms.CommManager? comms = null, PendingOutputs? pending = null) : IRunningCell
{
    private readonly object _gate = new();
    private bool _closed;

    /// <summary>The running cell of this async flow (null outside cells).</summary>
    public static RunningCell? Current
    {
        get => IRunningCell.Current as RunningCell;
        set => IRunningCell.Current = value;
    }

    /// <summary>The formatters of the session running the cell (used by <c>display(...)</c>).</summary>
    public FormatterSet Formatters { get; } = formatters;

    /// <summary>The comms of the session running the cell (where widgets made in the cell open), if known.</summary>
    public Comms.CommManager? Comms { get; } = comms;

    /// <summary>Cancelled when the cell is interrupted.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            text = budget.Stream(name, text);
            if (text.Length > 0)
            {
                emit(new StreamText(name, text));
            }
        }
    }

    /// <summary>Publishes a display and returns its id.</summary>
    public string AddDisplay(Documents.MimeBundle data)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            if (_closed)
            {
                return id;
            }

            emit(new DisplayShown(id, budget.Display(id, data)));
        }

        CompleteLater(id, data.Completion);
        return id;
    }

    /// <summary>
    /// Shows the cell's result (callable after <see cref="Close"/>): an <c>execute_result</c>, or, when its bundle
    /// completes later, a display (so the front end can update it by its <c>display_id</c>).
    /// </summary>
    public void ShowResult(int executionCount, Documents.MimeBundle data)
    {
        if (data.Completion is not { } completion)
        {
            emit(new ResultProduced(executionCount, Result(data)));
            return;
        }

        var id = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            emit(new DisplayShown(id, budget.Display(id, data)));
        }

        CompleteLater(id, completion);
    }

    private void CompleteLater(string displayId, Task<Documents.MimeBundle>? completion)
    {
        if (completion is null)
        {
            return;
        }

        var update = completion.ContinueWith(
            t =>
            {
                if (!t.IsCompletedSuccessfully)
                {
                    return;
                }

                lock (_gate)
                {
                    emit(new DisplayUpdated(displayId, budget.Display(displayId, t.Result)));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        pending?.Add(update);
    }

    public void UpdateDisplay(string displayId, Documents.MimeBundle data)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                emit(new DisplayUpdated(displayId, budget.Display(displayId, data)));
            }
        }
    }

    /// <summary>What the output shows for the cell's result (the budget applies to it too; callable after <see cref="Close"/>).</summary>
    public Documents.MimeBundle Result(Documents.MimeBundle data)
    {
        lock (_gate)
        {
            return budget.Result(data);
        }
    }

    /// <summary>Reads a line for <c>Console.ReadLine()</c> from the host, or explains why the host cannot give one.</summary>
    public string ReadLine(string prompt, bool password)
    {
        if (input is null)
        {
            throw new InvalidOperationException(
                "The cell asked for input (Console.ReadLine), but this host does not accept input from cells (e.g. a headless run, or a Jupyter front end with allow_stdin false).");
        }

        return input(prompt, password);
    }

    public void Close()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _closed = true;
                budget.Close();
            }
        }
    }
}
