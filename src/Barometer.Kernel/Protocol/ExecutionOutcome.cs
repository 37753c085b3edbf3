using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>The iopub output of one execution and its <c>execute_reply</c>.</summary>
/// <param name="Reply">The <c>execute_reply</c>.</param>
/// <param name="Outputs">The iopub messages of the request between <c>busy</c> and <c>idle</c> (stream, display_data, update_display_data, execute_input, execute_result, error, …), in order.</param>
public sealed record ExecutionOutcome(JupyterMessage Reply, IReadOnlyList<JupyterMessage> Outputs)
{
    /// <summary>The reply's status: <c>ok</c>, <c>error</c> or <c>aborted</c>.</summary>
    public string Status => (string?)Reply.Content["status"] ?? string.Empty;

    /// <summary>The reply's execution count.</summary>
    public int? ExecutionCount => Reply.Content["execution_count"] is JsonValue value && value.TryGetValue<int>(out var count) ? count : null;
}
