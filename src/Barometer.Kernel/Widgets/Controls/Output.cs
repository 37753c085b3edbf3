using System.Text.Json.Nodes;
using Barometer.Kernel.Cells;
using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Widgets;

/// <summary>
/// A widget that shows outputs — console text and displayed values — as a cell's output area does (ipywidgets'
/// <c>Output</c>, model <c>OutputModel</c> of <c>@jupyter-widgets/output</c> 1.0.0). Code inside
/// <c>using (output.Capture()) { … }</c> (or <see cref="Capture(Action)"/>) writes into it instead of the cell:
/// <c>Console.WriteLine</c>, <c>display(...)</c>. The outputs are the model's <c>outputs</c> state, kept by the kernel,
/// so every front end — and a saved notebook's widget state — shows them, also when a slider's handler writes them
/// after the cell ended.
/// </summary>
public sealed class Output : DomWidget, IOutputRedirect
{
    private readonly object _outputsGate = new();

    /// <summary>Creates an empty output widget.</summary>
    public Output()
        : base("Output", "@jupyter-widgets/output", "1.0.0")
    {
        Define("msg_id", string.Empty);
        Define<IReadOnlyList<JsonNode>>("outputs", []);
    }

    /// <summary>The outputs shown, as nbformat output objects (<c>stream</c>, <c>display_data</c>).</summary>
    public IReadOnlyList<JsonNode> Outputs => Get<IReadOnlyList<JsonNode>>("outputs");

    /// <summary>Sends this flow's console text and displays into the widget until the result is disposed.</summary>
    public IDisposable Capture() => OutputRedirects.Use(this);

    /// <summary>Runs <paramref name="action"/> with its console text and displays going into the widget.</summary>
    public void Capture(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using (Capture())
        {
            action();
        }
    }

    /// <summary>Removes every output (ipywidgets' <c>clear_output()</c>).</summary>
    public void Clear()
    {
        lock (_outputsGate)
        {
            Set<IReadOnlyList<JsonNode>>("outputs", []);
        }
    }

    /// <summary>Appends text to the <c>stdout</c> stream.</summary>
    public void AppendStdout(string text) => WriteStream("stdout", text);

    /// <summary>Appends text to the <c>stderr</c> stream.</summary>
    public void AppendStderr(string text) => WriteStream("stderr", text);

    /// <summary>Appends a displayed value (formatted as <c>display(...)</c> formats it).</summary>
    public void AppendDisplay(object? value) => Capture(() => CellDisplay.Show(value));

    /// <inheritdoc />
    void IOutputRedirect.WriteStream(string name, string text) => WriteStream(name, text);

    /// <inheritdoc />
    void IOutputRedirect.AddDisplay(MimeBundle data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Text as one string per MIME type (as ipywidgets sends it), JSON types as JSON.
        var json = new JsonObject();
        foreach (var (mime, text) in data)
        {
            json[mime] = MimeBundle.IsJsonMime(mime) ? MimeBundle.ToJsonValue(mime, text) : JsonValue.Create(text);
        }

        Append(new JsonObject { ["output_type"] = "display_data", ["data"] = json, ["metadata"] = new JsonObject() });
    }

    private void WriteStream(string name, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        lock (_outputsGate)
        {
            var outputs = Outputs;
            if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
            {
                // Consecutive writes to one stream are one output, as in a cell.
                var merged = (JsonObject)last.DeepClone();
                merged["text"] = (string?)last["text"] + text;
                Set<IReadOnlyList<JsonNode>>("outputs", [.. outputs.Take(outputs.Count - 1), merged]);
                return;
            }

            Append(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    private void Append(JsonObject output)
    {
        lock (_outputsGate)
        {
            Set<IReadOnlyList<JsonNode>>("outputs", [.. Outputs, output]);
        }
    }
}
