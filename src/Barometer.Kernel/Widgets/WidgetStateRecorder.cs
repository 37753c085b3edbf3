using System.Text.Json.Nodes;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// Follows the widget messages a kernel sends (<c>comm_open</c> for <c>jupyter.widget</c>, <c>update</c> and
/// <c>echo_update</c>, <c>comm_close</c>) and keeps every open model's last state, as nbclient does for a headless run:
/// <see cref="ToNotebookMetadata"/> is what goes under <c>metadata.widgets</c>, so a page rendered from the saved
/// notebook (nbviewer, <c>@jupyter-widgets/html-manager</c>) shows the widgets without a kernel. Binary values are
/// kept as base64 <c>buffers</c> entries with their paths. Thread-safe.
/// </summary>
public sealed class WidgetStateRecorder
{
    /// <summary>The MIME type the state is saved under (<c>application/vnd.jupyter.widget-state+json</c>).</summary>
    public const string StateMimeType = "application/vnd.jupyter.widget-state+json";

    private readonly object _gate = new();
    private readonly Dictionary<string, Model> _models = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>How many widget models are open now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _models.Count;
            }
        }
    }

    /// <summary>Takes in one comm message sent by the kernel.</summary>
    public void Observe(string messageType, JsonObject content, IReadOnlyList<byte[]> buffers)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = (string?)content["comm_id"];
        var data = content["data"] as JsonObject;
        var state = data is null ? null : data["state"] as JsonObject;
        var paths = data is null ? null : data["buffer_paths"] as JsonArray;
        var method = data is null ? null : (string?)data["method"];
        if (id is null)
        {
            return;
        }

        lock (_gate)
        {
            switch (messageType)
            {
                case "comm_open" when (string?)content["target_name"] == Widget.CommTarget && state is not null:
                    if (!_models.ContainsKey(id))
                    {
                        _order.Add(id);
                    }

                    _models[id] = new Model();
                    _models[id].Apply(state, paths, buffers);
                    break;
                case "comm_msg" when state is not null && method is "update" or "echo_update" && _models.TryGetValue(id, out var model):
                    model.Apply(state, paths, buffers);
                    break;
                case "comm_close" when _models.Remove(id):
                    _order.Remove(id);
                    break;
            }
        }
    }

    /// <summary>
    /// The <c>metadata.widgets</c> object: <c>{"application/vnd.jupyter.widget-state+json": {"version_major": 2,
    /// "version_minor": 0, "state": {model_id: {model_name, model_module, model_module_version, state, buffers?}}}}</c>.
    /// </summary>
    public JsonObject ToNotebookMetadata()
    {
        var state = new JsonObject();
        lock (_gate)
        {
            foreach (var id in _order)
            {
                state[id] = _models[id].ToJson();
            }
        }

        return new JsonObject
        {
            [StateMimeType] = new JsonObject { ["version_major"] = 2, ["version_minor"] = 0, ["state"] = state },
        };
    }

    private sealed class Model
    {
        private readonly JsonObject _state = [];
        private readonly Dictionary<string, (JsonArray Path, byte[] Data)> _buffers = new(StringComparer.Ordinal);

        public void Apply(JsonObject state, JsonArray? paths, IReadOnlyList<byte[]> buffers)
        {
            foreach (var (name, value) in state)
            {
                _state[name] = value?.DeepClone();
                foreach (var key in _buffers.Keys.Where(k => k == name || k.StartsWith(name + "/", StringComparison.Ordinal)).ToList())
                {
                    _buffers.Remove(key);
                }
            }

            for (var i = 0; paths is not null && i < paths.Count && i < buffers.Count; i++)
            {
                if (paths[i] is JsonArray path && path.Count > 0)
                {
                    _buffers[string.Join('/', path.Select(Step))] = ((JsonArray)path.DeepClone(), buffers[i]);
                }
            }
        }

        private static string Step(JsonNode? step) =>
            step is JsonValue value && value.TryGetValue<string>(out var name) ? name : step?.ToJsonString() ?? string.Empty;

        public JsonObject ToJson()
        {
            var model = new JsonObject
            {
                ["model_name"] = (string?)_state["_model_name"],
                ["model_module"] = (string?)_state["_model_module"],
                ["model_module_version"] = (string?)_state["_model_module_version"],
                ["state"] = _state.DeepClone(),
            };
            if (_buffers.Count > 0)
            {
                model["buffers"] = new JsonArray([.. _buffers.Values.Select(b => (JsonNode)new JsonObject
                {
                    ["path"] = b.Path.DeepClone(),
                    ["encoding"] = "base64",
                    ["data"] = Convert.ToBase64String(b.Data),
                })]);
            }

            return model;
        }
    }
}
