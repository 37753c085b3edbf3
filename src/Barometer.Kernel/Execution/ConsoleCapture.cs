using System.Text;
using Barometer.Kernel.Cells;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/>, <see cref="Console.Error"/> and <see cref="Console.In"/> of cell code to
/// the running cell: writes become <see cref="StreamText"/> events of that cell, <c>Console.ReadLine()</c> asks
/// the host for input. This changes process-wide state, so the library never does it by itself: a process host
/// (the Jupyter kernel's entry point, a notebook runner's command, a test assembly) calls <see cref="Install"/>
/// once at start-up. Console's writers are replaced by routers that look up the current cell through an
/// <see cref="AsyncLocal{T}"/> and fall back to the original writer/reader outside cells. A host that does not
/// install it still gets displays, results and errors; only console text and input of cells then go to the
/// process's own console.
/// </summary>
public static class ConsoleCapture
{
    private static readonly object Gate = new();
    private static TextWriter? _installedOut;
    private static TextWriter? _installedError;
    private static TextReader? _installedIn;

    /// <summary>True when Console's writers are the cell routers.</summary>
    public static bool IsInstalled
    {
        get
        {
            lock (Gate)
            {
                return ReferenceEquals(Console.Out, _installedOut) && ReferenceEquals(Console.Error, _installedError);
            }
        }
    }

    /// <summary>Installs the routers on Console (idempotent; re-installs if someone replaced them since).</summary>
    public static void Install()
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

            if (!ReferenceEquals(Console.In, _installedIn))
            {
                Console.SetIn(new RoutingReader(Console.In));
                _installedIn = Console.In;
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
            if (IOutputRedirect.Current is { } redirect)
            {
                redirect.WriteStream(stream, value ?? string.Empty);
            }
            else if (RunningCell.Current is { } cell)
            {
                cell.WriteStream(stream, value ?? string.Empty);
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
            if (RunningCell.Current is null && IOutputRedirect.Current is null)
            {
                fallback.Flush();
            }
        }
    }

    private sealed class RoutingReader(TextReader fallback) : TextReader
    {
        public override string? ReadLine() => RunningCell.Current is { } cell ? cell.ReadLine(string.Empty, password: false) : fallback.ReadLine();

        public override int Read() => RunningCell.Current is null ? fallback.Read() : throw NotLineBased();

        public override int Peek() => RunningCell.Current is null ? fallback.Peek() : -1;

        public override string ReadToEnd() => RunningCell.Current is null ? fallback.ReadToEnd() : throw NotLineBased();

        private static NotSupportedException NotLineBased() =>
            new("Cells read input line by line: use Console.ReadLine().");
    }
}
