using System.Globalization;
using Barometer.Cli.Rendering;
using Barometer.Kernel.Running;
using Spectre.Console;

namespace Barometer.Cli.Notebooks;

/// <summary>
/// Progress lines on the terminal (or stderr when output is piped), one writer shared by the notebooks that run
/// at once: each line is written whole, and prefixed with its notebook's name when several run in parallel.
/// </summary>
internal sealed class NotebookProgressLog(TextWriter log, bool plain)
{
    private readonly object _gate = new();

    /// <summary>A duration as the run's lines and summary print it: <c>1.25 s</c>.</summary>
    public static string FormatSeconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>One notebook's lines; with <paramref name="trace"/> (<c>--trace</c>), each finished cell's phases and the notebook's totals too.</summary>
    public NotebookLines For(NotebookJob? prefixWith, bool trace) => new(this, prefixWith, trace ? new NotebookTraceText() : null);

    public void Line(NotebookJob? prefixWith, string text, string style)
    {
        if (prefixWith is not null)
        {
            text = $"[{prefixWith.DisplayName}] {text.TrimStart()}";
        }

        lock (_gate)
        {
            if (plain)
            {
                log.WriteLine(text);
            }
            else
            {
                AnsiConsole.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
            }
        }
    }

    /// <summary>How often a cell that is still running says so.</summary>
    public static readonly TimeSpan StillRunningInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// One notebook's lines: one per finished cell, as the runner reports it, its kernel's log lines, and for a cell
    /// that runs long, a line every <see cref="StillRunningInterval"/> saying for how long; with a
    /// <see cref="NotebookTraceText"/>, a trace line under each finished cell.
    /// </summary>
    internal sealed class NotebookLines(NotebookProgressLog log, NotebookJob? prefixWith, NotebookTraceText? trace) : IProgress<CellProgress>, IDisposable
    {
        private readonly object _gate = new();
        private Timer? _stillRunning;

        public void Dispose() => StopWatching();

        private void Watch(CellProgress started)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            lock (_gate)
            {
                _stillRunning?.Dispose();
                _stillRunning = new Timer(_ => log.Line(prefixWith,
                    $"  cell {started.CellNumber}/{started.CellCount} still running after {Rendering.WorkProgress.Duration(clock.Elapsed)}  {started.SourcePreview}", "grey"),
                    null, StillRunningInterval, StillRunningInterval);
            }
        }

        private void StopWatching()
        {
            lock (_gate)
            {
                _stillRunning?.Dispose();
                _stillRunning = null;
            }
        }

        /// <summary>With --trace: the notebook's totals.</summary>
        public void Traced(NotebookRunResult result)
        {
            if (trace is not null)
            {
                log.Line(prefixWith, "  " + trace.Summary(result), "grey");
            }
        }

        /// <summary>A line of the kernel process's log (package restores, warnings).</summary>
        public void Log(string line)
        {
            if (line.Length > 0)
            {
                log.Line(prefixWith, "  " + line, "grey");
            }
        }

        public void Report(CellProgress value)
        {
            if (value.Stage == CellProgressStage.Started)
            {
                Watch(value);
                return;
            }

            StopWatching();

            if (value.Stage == CellProgressStage.Warning)
            {
                log.Line(prefixWith, $"  warning: {value.Message}", "yellow");
                return;
            }

            var (mark, style) = value.Stage switch
            {
                CellProgressStage.Succeeded => ("ok", "green"),
                CellProgressStage.Skipped => ("skipped", "grey"),
                CellProgressStage.FailedAsExpected => ("raised (expected)", "yellow"),
                CellProgressStage.TimedOut => ("TIMED OUT", "red"),
                _ => ("FAILED", "red"),
            };
            var time = value.Duration is { } d ? $" {FormatSeconds(d)}" : string.Empty;
            var text = $"  cell {value.CellNumber}/{value.CellCount} {mark}{time}  {value.SourcePreview}";
            if (value.Message is not null && value.Stage != CellProgressStage.Succeeded)
            {
                text += $"\n    {value.Message}";
            }

            log.Line(prefixWith, text, style);
            if (trace?.CellLine(value) is { } traced)
            {
                log.Line(prefixWith, "    " + traced, "grey");
            }
        }
    }
}
