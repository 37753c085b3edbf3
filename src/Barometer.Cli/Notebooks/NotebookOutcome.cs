using Barometer.Kernel.Running;

namespace Barometer.Cli.Notebooks;

/// <summary>How one notebook's run ended: its result, or the message of what stopped it (then no result).</summary>
internal sealed record NotebookOutcome(NotebookJob Job, NotebookRunResult? Result, string? Message, TimeSpan Elapsed);
