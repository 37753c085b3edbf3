using System.Text.Json.Nodes;
using Barometer.Kernel.Comms;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// A Jupyter widget: a model whose state (named attributes, as <c>@jupyter-widgets</c> names them) is kept in sync with
/// the front end's model of the same id over a <c>jupyter.widget</c> comm (widget messaging protocol 2.1). The comm is
/// opened when the widget is first displayed or referenced by an open widget (a box's children, a link), so a widget
/// built with an object initializer opens once, with its whole state. Properties may be set from any thread; a change
/// after the widget opened is sent as an <c>update</c>. What the front end changes arrives as an <c>update</c>: it is
/// echoed (<c>echo_update</c>), applied, and raises <see cref="PropertyChanged"/> (and a value widget's
/// <c>ValueChanged</c>) on the kernel's comm thread — also while a cell runs.
/// </summary>
/// <remarks>As ipywidgets' <c>Widget</c>: <c>model_id</c> ↔ <see cref="ModelId"/>, <c>send</c> ↔ <see cref="Send"/>,
/// <c>on_msg</c> ↔ <see cref="CustomMessageReceived"/>, <c>observe</c> ↔ <see cref="PropertyChanged"/>.</remarks>
public abstract class Widget : IMimeBundleSource
{
    /// <summary>The comm target every widget model opens (<c>jupyter.widget</c>).</summary>
    public const string CommTarget = "jupyter.widget";

    /// <summary>The widget messaging protocol version sent in a <c>comm_open</c>'s metadata.</summary>
    public const string ProtocolVersion = "2.1.0";

    private readonly object _gate = new();
    private readonly Dictionary<string, WidgetProperty> _state = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private Comm? _comm;
    private bool _closed;

    /// <summary>Creates a widget of the given model and view (null view: a model without one, such as a link).</summary>
    protected Widget(string modelModule, string modelName, string? viewModule, string? viewName, string moduleVersion = "2.0.0")
    {
        Manager = WidgetManager.Current;
        ModelId = Guid.NewGuid().ToString("N");
        Define("_model_module", modelModule);
        Define("_model_module_version", moduleVersion);
        Define("_model_name", modelName);
        Define("_view_module", viewModule);
        Define("_view_module_version", viewModule is null ? null : moduleVersion);
        Define("_view_name", viewName);
    }

    /// <summary>
    /// Raised when an attribute changes, by kernel code or by the front end, with its attribute name and old and new
    /// value; not raised when a set leaves the value as it was.
    /// </summary>
    public event EventHandler<WidgetPropertyChangedEventArgs>? PropertyChanged;

    /// <summary>Raised for a front end's <c>custom</c> message (its <c>content</c> and buffers), on the comm thread.</summary>
    public event EventHandler<CommMessage>? CustomMessageReceived;

    /// <summary>The model's id: the comm id, and the <c>model_id</c> a view of it names.</summary>
    public string ModelId { get; }

    /// <summary>The model's name, e.g. <c>IntSliderModel</c>.</summary>
    public string ModelName => (string)Get<string>("_model_name")!;

    /// <summary>The model's module, e.g. <c>@jupyter-widgets/controls</c>.</summary>
    public string ModelModule => (string)Get<string>("_model_module")!;

    /// <summary>The model's module version, e.g. <c>2.0.0</c>.</summary>
    public string ModelModuleVersion => (string)Get<string>("_model_module_version")!;

    /// <summary>True once the widget's comm is open (it was displayed or referenced by an open widget).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _comm is { IsOpen: true };
            }
        }
    }

    /// <summary>The attribute names of the model's state, in definition order.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _order];
            }
        }
    }

    internal WidgetManager Manager { get; }

    /// <summary>
    /// Opens the widget's comm (sending its whole state) if it is not open yet, after opening every widget its state
    /// refers to. Displaying a widget does this; call it to make a model the front end can reach without a view.
    /// </summary>
    /// <exception cref="InvalidOperationException">The widget was closed.</exception>
    public void Open()
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new InvalidOperationException($"The widget {ModelName} {ModelId} was closed; make a new one.");
            }

            if (_comm is not null)
            {
                return;
            }
        }

        OnOpening();
        foreach (var child in ReferencedWidgets(null))
        {
            child.Open();
        }

        var (state, bufferPaths, buffers) = SerializeState(null);
        lock (_gate)
        {
            if (_comm is not null)
            {
                return;
            }

            var data = new JsonObject { ["state"] = state, ["buffer_paths"] = bufferPaths };
            _comm = Manager.Comms.Open(ModelId, CommTarget, data, new JsonObject { ["version"] = ProtocolVersion }, buffers);
            _comm.MessageReceived += (_, message) => OnCommMessage(message);
            _comm.Closed += (_, _) => Forget();
        }

        Manager.Register(this);
    }

    /// <summary>Closes the widget's comm: the front end's model and views go away. Closing twice does nothing.</summary>
    public void Close()
    {
        Comm? comm;
        lock (_gate)
        {
            _closed = true;
            comm = _comm;
        }

        comm?.Close();
        Forget();
    }

    /// <summary>Sends a <c>custom</c> message with <paramref name="content"/> to the front end's model (opens the widget first).</summary>
    public void Send(JsonObject content, IReadOnlyList<byte[]>? buffers = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Open();
        SendOnComm(new JsonObject { ["method"] = "custom", ["content"] = content.DeepClone() }, buffers);
    }

    /// <summary>The whole state as sent in a <c>comm_open</c> (JSON; binary values listed by <c>buffer_paths</c>).</summary>
    public JsonObject GetState() => SerializeState(null).State;

    /// <summary>
    /// Sets attributes from a state object as a front end's <c>update</c> would (names unknown to the model are
    /// ignored), raising <see cref="PropertyChanged"/> for each that changed. Nothing is sent to the front end.
    /// </summary>
    public void SetState(JsonObject state, IReadOnlyList<byte[]>? buffers = null, JsonArray? bufferPaths = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var copy = (JsonObject)state.DeepClone();
        WidgetJson.InsertBuffers(copy, bufferPaths, buffers ?? []);
        foreach (var (name, node) in copy)
        {
            WidgetProperty? property;
            lock (_gate)
            {
                _state.TryGetValue(name, out property);
            }

            if (property is null || name.StartsWith("_model", StringComparison.Ordinal) || name.StartsWith("_view", StringComparison.Ordinal))
            {
                continue;
            }

            var value = WidgetJson.FromJson(node, property.Type, Manager);
            SetValue(name, value, sendUpdate: false);
        }
    }

    /// <summary>The <c>text/plain</c> form: the model name and the attributes that differ from their defaults, value first.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        lock (_gate)
        {
            // The value first, as ipywidgets' repr shows it, then the rest in model order.
            foreach (var name in _order.Where(n => n == "value").Concat(_order.Where(n => n != "value")))
            {
                var property = _state[name];
                if (!name.StartsWith('_') && name is not "layout" and not "style" && !Equals(WidgetJson.ToText(property.Value), WidgetJson.ToText(property.Default)))
                {
                    parts.Add($"{name}={WidgetJson.ToText(property.Value)}");
                }
            }
        }

        var model = ModelName.EndsWith("Model", StringComparison.Ordinal) ? ModelName[..^"Model".Length] : ModelName;
        return $"{model}({string.Join(", ", parts)})";
    }

    MimeBundle IMimeBundleSource.ToMimeBundle() => ToMimeBundle();

    /// <summary>The display bundle: the widget view (opening the widget) and the <c>text/plain</c> fallback.</summary>
    internal MimeBundle ToMimeBundle()
    {
        Open();
        var view = new JsonObject { ["version_major"] = 2, ["version_minor"] = 0, ["model_id"] = ModelId };
        var bundle = new MimeBundle();
        bundle[WidgetManager.ViewMimeType] = view.ToJsonString();
        bundle["text/plain"] = ToString();
        return bundle;
    }

    /// <summary>Declares an attribute of the model's state with its default (in the order front ends list them).</summary>
    protected void Define<T>(string name, T initial)
    {
        lock (_gate)
        {
            if (_state.TryAdd(name, new WidgetProperty(typeof(T), initial, initial)))
            {
                _order.Add(name);
            }
            else
            {
                _state[name] = new WidgetProperty(typeof(T), initial, initial);
            }
        }
    }

    /// <summary>An attribute's value.</summary>
    protected T Get<T>(string name)
    {
        lock (_gate)
        {
            return (T)_state[name].Value!;
        }
    }

    /// <summary>Sets an attribute; when the widget is open and the value changed, sends an <c>update</c> with it.</summary>
    protected void Set<T>(string name, T value) => SetValue(name, value, sendUpdate: true);

    /// <summary>Called just before the widget's comm opens, to make the state consistent (a slider clamps its value).</summary>
    protected virtual void OnOpening()
    {
    }

    /// <summary>Called after an attribute changed (before <see cref="PropertyChanged"/> is raised).</summary>
    protected virtual void OnPropertyChanged(WidgetPropertyChangedEventArgs change)
    {
    }

    /// <summary>Called for a front end's <c>custom</c> message (before <see cref="CustomMessageReceived"/> is raised).</summary>
    protected virtual void OnCustomMessage(CommMessage message)
    {
    }

    /// <summary>An attribute's state name for a C# property name (<c>ReadoutFormat</c> → <c>readout_format</c>) or state name.</summary>
    internal string ResolveName(string name)
    {
        lock (_gate)
        {
            if (_state.ContainsKey(name))
            {
                return name;
            }

            var snake = WidgetJson.ToSnakeCase(name);
            return _state.ContainsKey(snake)
                ? snake
                : throw new ArgumentException($"{ModelName} has no attribute '{name}' (its attributes: {string.Join(", ", _order.Where(n => !n.StartsWith('_')))}).", nameof(name));
        }
    }

    internal JsonNode? GetJson(string name)
    {
        object? value;
        lock (_gate)
        {
            value = _state[name].Value;
        }

        return WidgetJson.ToJson(value);
    }

    internal void SetJson(string name, JsonNode? node)
    {
        Type type;
        lock (_gate)
        {
            type = _state[name].Type;
        }

        SetValue(name, WidgetJson.FromJson(node, type, Manager), sendUpdate: true);
    }

    /// <summary>The whole state (or only <paramref name="names"/>) with the binary values taken out as buffers.</summary>
    internal (JsonObject State, JsonArray BufferPaths, List<byte[]> Buffers) SerializeState(IEnumerable<string>? names)
    {
        List<KeyValuePair<string, object?>> values;
        lock (_gate)
        {
            values = (names ?? _order).Select(n => new KeyValuePair<string, object?>(n, _state[n].Value)).ToList();
        }

        var state = new JsonObject();
        var paths = new List<JsonArray>();
        var buffers = new List<byte[]>();
        foreach (var (name, value) in values)
        {
            var node = WidgetJson.ToJson(value, [name], paths, buffers);
            if (node is not null || value is not byte[])
            {
                state[name] = node;
            }
        }

        return (state, [.. paths], buffers);
    }

    private List<Widget> ReferencedWidgets(IEnumerable<string>? names)
    {
        List<object?> values;
        lock (_gate)
        {
            values = (names ?? _order).Select(n => _state[n].Value).ToList();
        }

        return values.SelectMany(WidgetJson.WidgetsIn).Where(w => !ReferenceEquals(w, this)).ToList();
    }

    private void SetValue(string name, object? value, bool sendUpdate)
    {
        object? old;
        bool open;
        lock (_gate)
        {
            var property = _state[name];
            old = property.Value;
            if (WidgetJson.SameValue(old, value))
            {
                return;
            }

            _state[name] = property with { Value = value };
            open = _comm is { IsOpen: true };
        }

        if (sendUpdate && open)
        {
            foreach (var child in ReferencedWidgets([name]))
            {
                child.Open();
            }

            var (state, paths, buffers) = SerializeState([name]);
            SendOnComm(new JsonObject { ["method"] = "update", ["state"] = state, ["buffer_paths"] = paths }, buffers);
        }

        var change = new WidgetPropertyChangedEventArgs(name, old, value);
        OnPropertyChanged(change);
        PropertyChanged?.Invoke(this, change);
    }

    private void OnCommMessage(CommMessage message)
    {
        using var scope = WidgetManager.Use(Manager);
        var method = (string?)message.Data["method"];
        switch (method)
        {
            case "update" when message.Data["state"] is JsonObject state:
                if (Manager.EchoUpdates)
                {
                    // As ipywidgets 8: the front end's own update goes back to every front end first, then applies.
                    var echo = new JsonObject { ["method"] = "echo_update", ["state"] = state.DeepClone(), ["buffer_paths"] = message.Data["buffer_paths"]?.DeepClone() ?? new JsonArray() };
                    SendOnComm(echo, message.Buffers);
                }

                SetState(state, message.Buffers, message.Data["buffer_paths"] as JsonArray);
                break;
            case "request_state":
                var (full, paths, buffers) = SerializeState(null);
                SendOnComm(new JsonObject { ["method"] = "update", ["state"] = full, ["buffer_paths"] = paths }, buffers);
                break;
            case "custom":
                var custom = new CommMessage(message.Data["content"] as JsonObject ?? [], message.Metadata, message.Buffers);
                OnCustomMessage(custom);
                CustomMessageReceived?.Invoke(this, custom);
                break;
            default:
                Manager.Log($"widget {ModelName} {ModelId}: message with method '{method}' ignored.");
                break;
        }
    }

    private void SendOnComm(JsonObject data, IReadOnlyList<byte[]>? buffers)
    {
        Comm? comm;
        lock (_gate)
        {
            comm = _comm;
        }

        if (comm is { IsOpen: true })
        {
            comm.Send(data, null, buffers);
        }
    }

    private void Forget()
    {
        lock (_gate)
        {
            _closed = true;
        }

        Manager.Unregister(this);
    }

    private sealed record WidgetProperty(Type Type, object? Value, object? Default);
}
