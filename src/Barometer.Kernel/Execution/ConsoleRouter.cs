using System.Text;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Sends <see cref="Console.Out"/> and <see cref="Console.Error"/> writes made by cell code to that cell's
/// <see cref="OutputCollector"/>. Installed once per process: Console's writers are replaced by routers that
/// look up the current cell through an <see cref="AsyncLocal{T}"/> (which flows into tasks and threads the
/// cell starts) and fall back to the original writer outside cells. Unlike swapping Console.Out around each
/// cell, this keeps sessions running concurrently (e.g. in parallel tests) apart, and text written later by
/// code abandoned after a timeout cannot land in another cell's output.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly object Gate = new();
    private static TextWriter? _installedOut;
    private static TextWriter? _installedError;

    /// <summary>Installs the routers if Console's writers are not (or no longer) ours.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
                _installedOut = Console.Out;
            }

            if (!ReferenceEquals(Console.Error, _installedError))
            {
                Console.SetError(new RoutingWriter(Console.Error, "stderr"));
                _installedError = Console.Error;
            }
        }
    }

    private sealed class RoutingWriter(TextWriter fallback, string stream) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override IFormatProvider FormatProvider => fallback.FormatProvider;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (OutputCollector.Current is { } collector)
            {
                collector.WriteStream(stream, value ?? string.Empty);
            }
            else
            {
                fallback.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? string.Empty) + NewLine);

        public override void WriteLine() => Write(NewLine);

        public override void Flush()
        {
            if (OutputCollector.Current is null)
            {
                fallback.Flush();
            }
        }
    }
}
