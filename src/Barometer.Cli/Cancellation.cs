using System.Runtime.InteropServices;

namespace Barometer.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation of <see cref="Token"/>, which the commands pass down
/// to their work: an export stops between files, removes its temporary files and its browser, and exits 130 with
/// "the files written so far are complete". A command that does not stop within <see cref="Grace"/> is ended with
/// exit 130 all the same; a second signal ends the process at once (the default action).
/// </summary>
internal sealed class Cancellation : IDisposable
{
    /// <summary>How long a command may take to stop after the first signal.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;
    private bool _disposed;

    public Cancellation()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>
    /// The handler of both signals. A signal that arrives while the command is already ending (a front end's SIGTERM
    /// right after the kernel answered its <c>shutdown_request</c>) may be dispatched after <see cref="Dispose"/>: it
    /// then keeps its default action (the process ends), instead of throwing on the signal thread.
    /// </summary>
    internal void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1 || Volatile.Read(ref _disposed))
        {
            return; // the second signal, or one after the command ended: its default action ends the process
        }

        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return; // disposed between the check and the cancel: the command has ended
        }

        context.Cancel = true;
        _ = Task.Delay(Grace).ContinueWith(_ =>
        {
            Console.Error.WriteLine($"cancelled: the command did not stop within {Grace.TotalSeconds:0} s; the files written so far are complete.");
            Environment.Exit(ExitCodes.Cancelled);
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _source.Dispose();
    }
}
