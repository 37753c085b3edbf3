using System.CommandLine;

namespace Barometer.Cli;

/// <summary>
/// The last word on an exception no command caught: one <c>error:</c> line in words on standard error, never a stack
/// trace unless <c>--verbose</c> asked for it, and the exit code the README promises. A file-system failure names
/// what was in the way; standard output that cannot be written (a full disk, a closed pipe) says so; anything else is
/// a bug of ours and says how to report it.
/// </summary>
internal static class CommandErrors
{
    /// <summary><c>--verbose</c>, on every command: print the stack trace of an error too.</summary>
    public static Option<bool> VerboseOption() => new("--verbose")
    {
        Description = "On an error, also print its stack trace (for a bug report).",
        Recursive = true,
    };

    /// <summary>Reports <paramref name="exception"/> and returns the exit code.</summary>
    public static int Report(Exception exception, bool verbose, CancellationToken cancellation)
    {
        if (exception is OperationCanceledException && cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }

        var bug = exception is not (IOException or UnauthorizedAccessException);
        var message = bug
            ? $"an unexpected {exception.GetType().Name}: {exception.Message.TrimEnd('.')}. This is a bug in barometer; please report it"
            : exception is IOException && WritingStandardOutput(exception)
                ? $"cannot write the output: {(exception.HResult == NoSpace ? "no space left on the device" : exception.Message.TrimEnd('.'))}"
                : exception.Message.TrimEnd('.');
        try
        {
            Console.Error.WriteLine($"error: {message}");
            if (verbose)
            {
                Console.Error.WriteLine(exception);
            }
            else if (bug)
            {
                Console.Error.WriteLine("Run the command again with --verbose for the stack trace.");
            }
        }
        catch (IOException)
        {
            // Standard error itself cannot be written: the exit code is all that is left.
        }

        return ExitCodes.BadInput;
    }

    private const int NoSpace = 28; // ENOSPC, the HResult .NET gives the IOException

    private static bool WritingStandardOutput(Exception exception) =>
        exception.StackTrace?.Contains("System.ConsolePal", StringComparison.Ordinal) == true ||
        exception.StackTrace?.Contains("System.IO.ConsoleStream", StringComparison.Ordinal) == true;
}
