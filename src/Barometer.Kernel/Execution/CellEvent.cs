using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Something that happened while a cell ran, in the order it happened. A front end observes these events
/// (<see cref="ScriptSession.ExecuteAsync(CellSubmission, Action{CellEvent}?, CancellationToken)"/>) and maps them
/// to its own output: the headless runner to nbformat outputs (<see cref="CellOutputBuilder"/>), the Jupyter
/// server to iopub messages. Every run produces <see cref="CellStarted"/> first and <see cref="CellFinished"/> last.
/// </summary>
public abstract record CellEvent;

/// <summary>The cell was accepted and given an execution count.</summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
/// <param name="Code">The cell's source as submitted.</param>
public sealed record CellStarted(int ExecutionCount, string Code) : CellEvent;

/// <summary>
/// The cell's code has compiled (after any <c>#r "nuget:"</c> restore) and starts running now: the moment its timeout
/// counts from. A cell that fails before (a compile error, a failed restore) or has no code to run raises none.
/// </summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
public sealed record CellRunning(int ExecutionCount) : CellEvent;

/// <summary>Text written to <c>Console.Out</c> (<c>stdout</c>) or <c>Console.Error</c> (<c>stderr</c>) while the cell ran, as it is written.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text of one write.</param>
public sealed record StreamText(string Name, string Text) : CellEvent;

/// <summary>A value shown with <c>display(...)</c>.</summary>
/// <param name="DisplayId">Identifies the display for later <see cref="DisplayUpdated"/> events.</param>
/// <param name="Data">The value's MIME bundle.</param>
public sealed record DisplayShown(string DisplayId, MimeBundle Data) : CellEvent;

/// <summary>A displayed value replaced through its handle (<c>DisplayedValue.Update</c>).</summary>
/// <param name="DisplayId">The display being replaced.</param>
/// <param name="Data">The new MIME bundle.</param>
public sealed record DisplayUpdated(string DisplayId, MimeBundle Data) : CellEvent;

/// <summary>The value of the cell's trailing expression.</summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
/// <param name="Data">The value's MIME bundle.</param>
public sealed record ResultProduced(int ExecutionCount, MimeBundle Data) : CellEvent;

/// <summary>The cell failed (compile error, exception, timeout, interrupt, unsupported input).</summary>
/// <param name="Error">What went wrong, with a traceback naming the cell line.</param>
public sealed record ErrorRaised(CellError Error) : CellEvent;

/// <summary>The cell's run ended; no more events follow for it (output of abandoned code is dropped).</summary>
/// <param name="Status">How it ended.</param>
/// <param name="ExecutionCount">The cell's execution count.</param>
public sealed record CellFinished(CellExecutionStatus Status, int ExecutionCount) : CellEvent;

/// <summary>
/// The kernel side sent a comm message while the cell ran (<c>comm_open</c>, <c>comm_msg</c>, <c>comm_close</c>): what a
/// headless run records to save widget state. Not an output.
/// </summary>
/// <param name="MessageType">The message type.</param>
/// <param name="Content">The message content (<c>comm_id</c>, <c>target_name</c>, <c>data</c>).</param>
/// <param name="Buffers">The binary buffers.</param>
public sealed record CommSent(string MessageType, System.Text.Json.Nodes.JsonObject Content, IReadOnlyList<byte[]> Buffers) : CellEvent;
