using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Barometer.Cli.Rendering;

/// <summary>
/// Long work shown on standard error while it runs, so that standard output keeps the command's result alone. Work
/// done within <see cref="Quiet"/> shows nothing; longer work shows, on a terminal, a Spectre.Console progress bar
/// (or a spinner when the amount of work is unknown) and, when standard error is not a terminal or <c>NO_COLOR</c> is
/// set, a plain line every <see cref="LineInterval"/>:
/// <c>sensitivity: 1,234,567 of 10,000,000 runs (12 %), 412,000 runs/s, about 21 s left</c>.
/// The work runs on a thread-pool thread; the caller waits for it while watching the cancellation token, so Ctrl+C
/// ends the wait at once (work that checks the token stops too; work that cannot — reading files into memory — is
/// left to the process's end and writes nothing).
/// </summary>
internal static class WorkProgress
{
    /// <summary>How long work may take before it is shown.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    /// <summary>How often a plain progress line is written.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private static bool Plain => Console.IsErrorRedirected || CliConsole.NoColor;

    /// <summary>
    /// Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> <paramref name="unit"/> it has
    /// done, showing the count, the rate and the time left.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static T Run<T>(string label, long total, string unit, Func<IProgress<int>, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        var done = new Counter();
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => work(done, cancellationToken), CancellationToken.None);
        if (!Wait(task, Quiet, cancellationToken))
        {
            if (Plain)
            {
                do
                {
                    Console.Error.WriteLine(Line(label, done.Value, total, unit, clock.Elapsed));
                }
                while (!Wait(task, LineInterval, cancellationToken));
            }
            else
            {
                ShowBar(label, total, unit, done, task, cancellationToken);
            }
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/>, whose amount is unknown, showing what it does and for how long.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static T Run<T>(string label, Func<T> work, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var task = Task.Run(work, CancellationToken.None);
        if (!Wait(task, Quiet, cancellationToken))
        {
            if (Plain)
            {
                do
                {
                    Console.Error.WriteLine($"{label}… {Duration(clock.Elapsed)} so far");
                }
                while (!Wait(task, LineInterval, cancellationToken));
            }
            else
            {
                StderrConsole().Status().Start($"{Markup.Escape(label)}…", context =>
                {
                    while (!Wait(task, TimeSpan.FromMilliseconds(200), cancellationToken))
                    {
                        context.Status($"{Markup.Escape(label)}… {Duration(clock.Elapsed)}");
                    }
                });
            }
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>The plain line: count, share, rate and time left.</summary>
    internal static string Line(string label, long done, long total, string unit, TimeSpan elapsed)
    {
        var rate = elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;
        var share = total > 0 ? 100.0 * done / total : 0;
        var left = rate > 0 ? $"about {Duration(TimeSpan.FromSeconds((total - done) / rate))} left" : "time left not known yet";
        return string.Create(CultureInfo.InvariantCulture, $"{label}: {done:N0} of {total:N0} {unit} ({share:0} %), {Rate(rate)} {unit}/s, {left}");
    }

    /// <summary>A duration in words a reader takes in at once: <c>850 ms</c>, <c>12 s</c>, <c>3 min 20 s</c>, <c>1 h 05 min</c>.</summary>
    internal static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min"),
    };

    /// <summary>A rate with three significant digits: <c>412,000</c>, <c>3.25</c>.</summary>
    internal static string Rate(double perSecond)
    {
        if (perSecond >= 1000)
        {
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(perSecond)) - 2);
            return (Math.Round(perSecond / magnitude) * magnitude).ToString("N0", CultureInfo.InvariantCulture);
        }

        return perSecond.ToString(perSecond >= 100 ? "0" : perSecond >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
    }

    private static void ShowBar(string label, long total, string unit, Counter done, Task task, CancellationToken cancellationToken) =>
        StderrConsole().Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(unit), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var bar = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
                while (!Wait(task, TimeSpan.FromMilliseconds(200), cancellationToken))
                {
                    bar.Value = done.Value;
                }

                bar.Value = done.Value;
            });

    /// <summary>A console on standard error, where progress goes.</summary>
    private static IAnsiConsole StderrConsole() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>True when <paramref name="task"/> finished within <paramref name="timeout"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    private static bool Wait(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return task.Wait(timeout, cancellationToken);
        }
        catch (AggregateException)
        {
            return true; // finished with an exception: GetResult rethrows it as it is
        }
    }

    /// <summary>The work's count, read by the display thread.</summary>
    private sealed class Counter : IProgress<int>
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Report(int value) => Volatile.Write(ref _value, value);
    }

    /// <summary>The rate of a progress task, in its unit: <c>412,000 runs/s</c>.</summary>
    private sealed class RateColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{Rate(speed)} {unit}/s" : $"– {unit}/s", new Style(Color.Grey));
    }
}
