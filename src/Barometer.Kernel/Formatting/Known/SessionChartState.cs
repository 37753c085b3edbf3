using System.Security.Cryptography;
using System.Text;

namespace Barometer.Kernel.Formatting.Known;

/// <summary>
/// What one kernel session knows about its charts: whether plotly.js has been sent to its front end already (a live
/// session inlines it in its first chart; a headless run, whose notebook is committed, never does), the element ids
/// given so far (derived from the figure, so a re-run gives the same ids), and the session's one browser for PNGs.
/// </summary>
public sealed class SessionChartState : IAsyncDisposable
{
    /// <summary>Set to 0 to never inline plotly.js (what <c>notebooks run</c> does for the kernels it starts).</summary>
    public const string InlineVariable = "BAROMETER_KERNEL_INLINE_PLOTLYJS";

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lazy<ChartImages> _images = new(() => new ChartImages());
    private int _sent;

    /// <summary>A session's state; <paramref name="inlinePlotlyJs"/> null: as <see cref="InlineVariable"/> says (default yes).</summary>
    public SessionChartState(bool? inlinePlotlyJs = null) =>
        InlinePlotlyJs = inlinePlotlyJs ?? Environment.GetEnvironmentVariable(InlineVariable) != "0";

    /// <summary>Whether the first chart's HTML carries plotly.js (a live front end with no other copy of it).</summary>
    public bool InlinePlotlyJs { get; }

    /// <summary>The session's browser for chart images (started at the first image).</summary>
    internal ChartImages Images => _images.Value;

    /// <summary>True the first time only, and only when plotly.js is inlined at all.</summary>
    public bool TakeFirst() => InlinePlotlyJs && Interlocked.Exchange(ref _sent, 1) == 0;

    /// <summary>
    /// The element id of a chart: <c>plotly-chart-</c> and the first 12 hex digits of the SHA-256 of its figure JSON,
    /// with <c>-2</c>, <c>-3</c>… for the same figure shown again in the session (ids stay unique in a page).
    /// </summary>
    public string ElementId(string figureJson)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(figureJson)))[..12];
        lock (_ids)
        {
            var n = _ids[hash] = _ids.GetValueOrDefault(hash) + 1;
            return n == 1 ? $"plotly-chart-{hash}" : $"plotly-chart-{hash}-{n}";
        }
    }

    /// <summary>Ends the session's browser, if it started one.</summary>
    public ValueTask DisposeAsync() => _images.IsValueCreated ? _images.Value.DisposeAsync() : ValueTask.CompletedTask;
}
