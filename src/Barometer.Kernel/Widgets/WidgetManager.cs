using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Barometer.Kernel.Cells;
using Barometer.Kernel.Comms;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// The widgets of one session's comms: the open widget models by id, and the <c>jupyter.widget.control</c> comm target
/// through which a front end that (re)connects asks for every model's state at once (<c>request_states</c> →
/// <c>update_states</c>, as ipywidgets 8 answers). One per <see cref="CommManager"/>; a widget finds its manager from
/// the cell it is made in, or the widget whose front-end message is being handled.
/// </summary>
internal sealed class WidgetManager
{
    /// <summary>The MIME type of a widget view in a display (<c>application/vnd.jupyter.widget-view+json</c>).</summary>
    public const string ViewMimeType = "application/vnd.jupyter.widget-view+json";

    /// <summary>The comm target of the control channel (<c>jupyter.widget.control</c>).</summary>
    public const string ControlTarget = "jupyter.widget.control";

    private static readonly ConditionalWeakTable<CommManager, WidgetManager> Managers = [];
    private static readonly AsyncLocal<WidgetManager?> Ambient = new();
    private static readonly Lazy<WidgetManager> Detached = new(() => For(new CommManager()));

    private readonly object _gate = new();
    private readonly Dictionary<string, Widget> _widgets = new(StringComparer.Ordinal);

    private WidgetManager(CommManager comms)
    {
        Comms = comms;
        comms.RegisterTarget(ControlTarget, (comm, _) => comm.MessageReceived += (_, message) => OnControlMessage(comm, message));
    }

    /// <summary>The comms the widgets open on.</summary>
    public CommManager Comms { get; }

    /// <summary>
    /// Whether a front end's update is echoed back (<c>echo_update</c>, protocol 2.1); on, as in ipywidgets 8, unless
    /// <c>JUPYTER_WIDGETS_ECHO</c> is <c>0</c> or <c>false</c>.
    /// </summary>
    public bool EchoUpdates { get; } = Environment.GetEnvironmentVariable("JUPYTER_WIDGETS_ECHO") is not ("0" or "false" or "False");

    /// <summary>
    /// The manager for widgets made here: the one whose widget's front-end message is being handled on this flow,
    /// else the running cell's session's, else one connected to no front end.
    /// </summary>
    public static WidgetManager Current =>
        Ambient.Value ?? (IRunningCell.Current?.Comms is { } comms ? For(comms) : Detached.Value);

    /// <summary>The manager of a session's comms (made, and its control target registered, on first use).</summary>
    public static WidgetManager For(CommManager comms) => Managers.GetValue(comms, c => new WidgetManager(c));

    /// <summary>Makes <paramref name="manager"/> the <see cref="Current"/> one on this flow until disposed.</summary>
    public static IDisposable Use(WidgetManager manager)
    {
        var previous = Ambient.Value;
        Ambient.Value = manager;
        return new Restore(() => Ambient.Value = previous);
    }

    /// <summary>The open widgets (a snapshot).</summary>
    public IReadOnlyList<Widget> Widgets
    {
        get
        {
            lock (_gate)
            {
                return [.. _widgets.Values];
            }
        }
    }

    public bool TryGetWidget(string modelId, out Widget widget)
    {
        lock (_gate)
        {
            return _widgets.TryGetValue(modelId, out widget!);
        }
    }

    public void Register(Widget widget)
    {
        lock (_gate)
        {
            _widgets[widget.ModelId] = widget;
        }
    }

    public void Unregister(Widget widget)
    {
        lock (_gate)
        {
            _widgets.Remove(widget.ModelId);
        }
    }

#pragma warning disable CA1822 // an instance method: where a manager logs may become per session
    public void Log(string message) => Console.Error.WriteLine("kernel: " + message);
#pragma warning restore CA1822

    private void OnControlMessage(Comm comm, CommMessage message)
    {
        if ((string?)message.Data["method"] != "request_states")
        {
            Log($"widget control comm {comm.Id}: message with method '{(string?)message.Data["method"]}' ignored.");
            return;
        }

        var states = new JsonObject();
        var paths = new JsonArray();
        var buffers = new List<byte[]>();
        foreach (var widget in Widgets)
        {
            var (state, bufferPaths, widgetBuffers) = widget.SerializeState(null);
            states[widget.ModelId] = new JsonObject
            {
                ["model_name"] = widget.ModelName,
                ["model_module"] = widget.ModelModule,
                ["model_module_version"] = widget.ModelModuleVersion,
                ["state"] = state,
            };
            foreach (var path in bufferPaths)
            {
                var full = new JsonArray(widget.ModelId, "state");
                foreach (var step in (JsonArray)path!)
                {
                    full.Add(step?.DeepClone());
                }

                paths.Add(full);
            }

            buffers.AddRange(widgetBuffers);
        }

        comm.Send(new JsonObject { ["method"] = "update_states", ["states"] = states, ["buffer_paths"] = paths }, null, buffers);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
