using Barometer.Kernel.Cells;
using Barometer.Kernel.Comms;
using Barometer.Kernel.Formatting;
using Barometer.Kernel.Widgets;

namespace Barometer.Kernel.Scripting;

/// <summary>
/// The globals object of every script session: its public members can be called from cells as if they were
/// top-level functions, matching the .NET Interactive C# kernel's <c>display(...)</c> and <c>HTML(...)</c>.
/// </summary>
public class NotebookGlobals
{
    private readonly FormatterSet _fallbackFormatters;

    /// <summary>
    /// Creates globals; <paramref name="formatters"/> is used when no cell is running; <paramref name="comms"/> are the
    /// session's (null: comms of their own, connected to nothing).
    /// </summary>
    public NotebookGlobals(FormatterSet? formatters = null, CommManager? comms = null)
    {
        _fallbackFormatters = formatters ?? FormatterSet.Default;
        Comms = comms ?? new CommManager();
    }

    /// <summary>
    /// The session's Jupyter comms: <c>Comms.Open("target", data)</c> opens one to the front end,
    /// <c>Comms.RegisterTarget("target", (comm, open) => …)</c> answers comms the front end opens; a comm's
    /// <c>MessageReceived</c> event sees front-end messages also while a cell runs.
    /// </summary>
    public CommManager Comms { get; }

#pragma warning disable IDE1006 // lower-case names are the .NET Interactive API notebooks are written against
    /// <summary>
    /// Shows <paramref name="value"/> as a <c>display_data</c> output of the running cell, formatted for every
    /// MIME type that applies (or only <paramref name="mimeTypes"/> when given). Returns a handle whose
    /// <see cref="DisplayedValue.Update"/> replaces the shown value.
    /// </summary>
    public DisplayedValue display(object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes, _fallbackFormatters);
#pragma warning restore IDE1006

    /// <summary>
    /// Cancelled when the running cell is interrupted (Jupyter's interrupt button, <c>ScriptSession.Interrupt</c>).
    /// Long-running cells should pass it on (<c>await Task.Delay(1000, CancellationToken)</c>) or check it
    /// (<c>CancellationToken.ThrowIfCancellationRequested()</c>); a cell that ignores it is abandoned after a
    /// short grace period. Outside a running cell it is <see cref="System.Threading.CancellationToken.None"/>.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Notebook code sees the instance members of its globals object; the member belongs to that surface.")]
    public CancellationToken CancellationToken => IRunningCell.Current?.CancellationToken ?? CancellationToken.None;

    /// <summary>
    /// Shows a control for each of <paramref name="function"/>'s parameters and its result below them, re-running it
    /// whenever a control changes (ipywidgets' <c>interact</c>): <c>Interact((int n) =&gt; n * n, (0, 10))</c>. The
    /// arguments after the function choose the controls (see <see cref="Interactive"/>); use <c>new Interactive(...)</c>
    /// to place the controls yourself.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Notebook code sees the instance members of its globals object; the member belongs to that surface.")]
    public void Interact(Delegate function, params object?[] controls) => new Interactive(function, controls).Display();

    /// <summary>Marks <paramref name="html"/> as HTML: displayed or returned, it renders as <c>text/html</c>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Notebook code sees the instance members of its globals object; the member belongs to that surface.")]
    public HtmlString HTML(string html) => new(html);

    /// <summary>
    /// Shows a script for the front end to run, as .NET Interactive's <c>Javascript(...)</c> does: a <c>text/html</c>
    /// display of <c>&lt;script type="text/javascript"&gt;…&lt;/script&gt;</c> with the code unchanged.
    /// </summary>
    public void Javascript(string scriptContent) =>
        display(new HtmlString("<script type=\"text/javascript\">" + scriptContent + "</script>"));
}
