using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>How <see cref="KernelClient.StartAsync"/> starts a kernel process.</summary>
/// <param name="Argv">The command; <c>{connection_file}</c> is replaced by the path of the connection file the client writes (as in a kernelspec's argv).</param>
public sealed record KernelStartInfo(IReadOnlyList<string> Argv)
{
    /// <summary>The kernel's working directory (a notebook's folder, as Jupyter does); null: the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables for the kernel process.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>How long the kernel may take to answer <c>kernel_info_request</c> on shell and iopub (default 60 s).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Called with each line the kernel process writes to its standard error (its log: package restores, rejected
    /// messages, warnings), as it comes; on the client's reader thread, so it must be quick and must not throw.
    /// </summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>The kernel's argv from a kernelspec folder's <c>kernel.json</c>.</summary>
    /// <exception cref="FormatException">The file has no argv list.</exception>
    public static KernelStartInfo FromKernelSpec(string kernelSpecDirectory)
    {
        var path = Path.Combine(kernelSpecDirectory, "kernel.json");
        var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        if (json?["argv"] is not JsonArray argv || argv.Count == 0)
        {
            throw new FormatException($"{path}: 'argv' must be a non-empty list of strings.");
        }

        return new KernelStartInfo(argv.Select(a => (string?)a ?? throw new FormatException($"{path}: 'argv' must be a list of strings.")).ToList());
    }
}

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
    /// <c>kernelName</c>, see <see cref="KernelServer"/>). Null: empty.
    /// </summary>
    public JsonObject? Metadata { get; init; }
}

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

/// <summary>The kernel process died (exited, crashed, was killed) while a request was outstanding or before it was ready.</summary>
public sealed class DeadKernelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeadKernelException(string message, int? exitCode = null, string? standardError = null)
        : base(message)
    {
        ExitCode = exitCode;
        StandardError = standardError ?? string.Empty;
    }

    /// <summary>The process's exit code, when known.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines the kernel wrote to standard error (for diagnosis).</summary>
    public string StandardError { get; }
}
