using Barometer.Kernel.Execution;

namespace Microsoft.DotNet.Interactive;

/// <summary>
/// The part of .NET Interactive's <c>KernelInvocationContext</c> that notebooks use from C#:
/// <c>KernelInvocationContext.Current.CancellationToken</c>, cancelled when the running cell is interrupted.
/// </summary>
public sealed class KernelInvocationContext
{
    private KernelInvocationContext(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>The context of the running cell (outside a cell: one whose token is never cancelled).</summary>
    public static KernelInvocationContext Current => new(RunningCell.Current?.CancellationToken ?? CancellationToken.None);

    /// <summary>Cancelled when the running cell is interrupted.</summary>
    public CancellationToken CancellationToken { get; }
}
