using System.Diagnostics;
using System.Globalization;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Magics;

/// <summary>
/// <c>#!time</c>: after the cell has run, shows how long it took from this line on, as .NET Interactive does
/// (<c>Wall time: 105.2934ms</c>, <c>text/plain</c>, after the cell's own outputs and its value).
/// </summary>
internal sealed class TimeMagic : IMagicCommand
{
    public string Name => "#!time";

    public string Usage => "#!time";

    public string Description => "Time the execution of the code after it in the cell (wall time).";

    public void Check(MagicLine line) => MagicArguments.None(line);

    public Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        context.AtEnd(() =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"Wall time: {stopwatch.Elapsed.TotalMilliseconds}ms");
            context.Display(new MimeBundle { [MimeTypes.PlainText] = text });
        });
        return Task.CompletedTask;
    }
}
