using Barometer.Kernel.Comms;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Cells;

/// <summary>
/// The running cell as the code in it sees it (<c>display(...)</c>, widgets, <c>CancellationToken</c>): where its
/// displays go, its session's formatters and comms, its interruption. The session's running cell
/// (<c>Execution.RunningCell</c>) implements it and sets <see cref="Current"/> for the cell's run; the cell-facing
/// folders (Scripting, Widgets) use only this, so they do not depend on the execution core.
/// </summary>
internal interface IRunningCell
{
    private static readonly AsyncLocal<IRunningCell?> CurrentCell = new();

    /// <summary>
    /// The running cell of this async flow (null outside cells): an <see cref="AsyncLocal{T}"/>, which flows into the
    /// tasks and threads the cell starts, so sessions running concurrently stay apart.
    /// </summary>
    static IRunningCell? Current
    {
        get => CurrentCell.Value;
        set => CurrentCell.Value = value;
    }

    /// <summary>The formatters of the session running the cell.</summary>
    FormatterSet Formatters { get; }

    /// <summary>The comms of the session running the cell (where widgets made in the cell open), if known.</summary>
    CommManager? Comms { get; }

    /// <summary>Cancelled when the cell is interrupted.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Publishes a display and returns its id.</summary>
    string AddDisplay(MimeBundle data);

    /// <summary>Replaces the display <paramref name="displayId"/> (until the cell has finished).</summary>
    void UpdateDisplay(string displayId, MimeBundle data);
}
