using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// One nbformat 4 output of a code cell. The output is kept as its JSON object, so outputs read from a file
/// are written back unchanged (including fields this library does not know); typed accessors read from it.
/// </summary>
public sealed class CellOutput
{
    /// <summary>The <c>output_type</c> of a stream output.</summary>
    public const string StreamType = "stream";

    /// <summary>The <c>output_type</c> of a display output.</summary>
    public const string DisplayDataType = "display_data";

    /// <summary>The <c>output_type</c> of a cell's result.</summary>
    public const string ExecuteResultType = "execute_result";

    /// <summary>The <c>output_type</c> of an error.</summary>
    public const string ErrorType = "error";

    /// <summary>Wraps an nbformat output object (not copied).</summary>
    public CellOutput(JsonObject json)
    {
        Json = json ?? throw new ArgumentNullException(nameof(json));
        if (json["output_type"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new NotebookFormatException("An output has no \"output_type\".");
        }
    }

    /// <summary>The nbformat JSON of this output.</summary>
    public JsonObject Json { get; }

    /// <summary><c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public string OutputType => Json["output_type"]!.GetValue<string>();

    /// <summary>For stream outputs: <c>stdout</c> or <c>stderr</c>.</summary>
    public string? StreamName => Json["name"]?.GetValue<string>();

    /// <summary>For stream outputs: the text, lines joined.</summary>
    public string? Text => OutputType == StreamType ? JupyterJson.JoinLines(Json["text"]) : null;

    /// <summary>For display_data / execute_result: the MIME bundle.</summary>
    public MimeBundle Data => MimeBundle.FromJson(Json["data"] as JsonObject);

    /// <summary>For execute_result: the execution count.</summary>
    public int? ExecutionCount => Json["execution_count"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : null;

    /// <summary>For errors: the exception name.</summary>
    public string? EName => Json["ename"]?.GetValue<string>();

    /// <summary>For errors: the exception message.</summary>
    public string? EValue => Json["evalue"]?.GetValue<string>();

    /// <summary>For errors: the traceback lines.</summary>
    public IReadOnlyList<string> Traceback =>
        Json["traceback"] is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() : [];

    /// <summary>A <c>stream</c> output (<c>stdout</c> or <c>stderr</c>).</summary>
    public static CellOutput Stream(string name, string text) => new(new JsonObject
    {
        ["output_type"] = StreamType,
        ["name"] = name,
        ["text"] = JupyterJson.SplitLines(text),
    });

    /// <summary>A <c>display_data</c> output.</summary>
    public static CellOutput DisplayData(MimeBundle data) => new(new JsonObject
    {
        ["output_type"] = DisplayDataType,
        ["data"] = data.ToJson(),
        ["metadata"] = new JsonObject(),
    });

    /// <summary>An <c>execute_result</c> output.</summary>
    public static CellOutput ExecuteResult(int executionCount, MimeBundle data) => new(new JsonObject
    {
        ["output_type"] = ExecuteResultType,
        ["execution_count"] = executionCount,
        ["data"] = data.ToJson(),
        ["metadata"] = new JsonObject(),
    });

    /// <summary>An <c>error</c> output.</summary>
    public static CellOutput Error(string ename, string evalue, IEnumerable<string> traceback) => new(new JsonObject
    {
        ["output_type"] = ErrorType,
        ["ename"] = ename,
        ["evalue"] = evalue,
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    });

    /// <summary>A deep copy.</summary>
    public CellOutput Clone() => new((JsonObject)Json.DeepClone());

    /// <inheritdoc />
    public override string ToString() => Json.ToJsonString();
}
