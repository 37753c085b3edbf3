namespace Barometer.Kernel.Protocol;

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
