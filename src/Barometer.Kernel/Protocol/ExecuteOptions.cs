using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>Options of one <c>execute_request</c>.</summary>
public sealed record ExecuteOptions
{
    /// <summary>Run quietly: no outputs on iopub, no execution count.</summary>
    public bool Silent { get; init; }

    /// <summary>Give the cell an execution count (default true).</summary>
    public bool StoreHistory { get; init; } = true;

    /// <summary>Stop queued cells after an error (they are answered with status <c>aborted</c>; default true).</summary>
    public bool StopOnError { get; init; } = true;

    /// <summary>
    /// Answers the cell's input requests (<c>Console.ReadLine()</c>): prompt, is-password → the line. Null: the
    /// request says stdin is not allowed and the cell gets an error.
    /// </summary>
    public Func<string, bool, string>? Input { get; init; }

    /// <summary>
    /// The request's metadata (e.g. <c>cellId</c>; this project's kernel also reads <c>cellNumber</c> and
    /// <c>kernelName</c>, see the kernel README). Null: empty.
    /// </summary>
    public JsonObject? Metadata { get; init; }
}
