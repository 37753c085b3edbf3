using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// A notebook cell. Metadata and fields this library does not interpret (e.g. <c>attachments</c>) are kept
/// as JSON and written back unchanged.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>Tag of the papermill-style cell holding parameter defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>Tag of the cell inserted with parameter values.</summary>
    public const string InjectedParametersTag = "injected-parameters";

    /// <summary>Tag (nbclient convention) of a cell allowed to raise without failing the run.</summary>
    public const string RaisesExceptionTag = "raises-exception";

    /// <summary>Tag (nbclient convention) of a cell that is not executed.</summary>
    public const string SkipExecutionTag = "skip-execution";

    /// <summary>Creates a cell.</summary>
    public NotebookCell(CellType cellType, string source, JsonObject? metadata = null)
    {
        CellType = cellType;
        Source = source ?? string.Empty;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>The cell type.</summary>
    public CellType CellType { get; set; }

    /// <summary>The nbformat 4.5 cell id (null when the file predates 4.5).</summary>
    public string? Id { get; set; }

    /// <summary>The source text, lines joined with their original line endings.</summary>
    public string Source { get; set; }

    /// <summary>The cell metadata, kept verbatim.</summary>
    public JsonObject Metadata { get; }

    /// <summary>The execution count of a code cell (null if not executed).</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs of a code cell.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>Top-level cell fields other than cell_type/id/metadata/source/outputs/execution_count (e.g. <c>attachments</c>).</summary>
    public JsonObject ExtraProperties { get; } = new();

    /// <summary>Creates a code cell with Polyglot Notebooks metadata naming its kernel.</summary>
    public static NotebookCell CreateCode(string source, string kernelName = KernelNames.CSharp)
    {
        var cell = new NotebookCell(CellType.Code, source);
        cell.KernelName = kernelName;
        return cell;
    }

    /// <summary>Creates a markdown cell.</summary>
    public static NotebookCell CreateMarkdown(string source) => new(CellType.Markdown, source);

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList()
            : [];

    /// <summary>True when <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds a tag if not present.</summary>
    public void AddTag(string tag)
    {
        if (HasTag(tag))
        {
            return;
        }

        if (Metadata["tags"] is not JsonArray tags)
        {
            tags = new JsonArray();
            Metadata["tags"] = tags;
        }

        tags.Add(JsonValue.Create(tag));
    }

    /// <summary>
    /// The Polyglot kernel of this cell: <c>metadata.polyglot_notebook.kernelName</c>, else the older
    /// <c>metadata.dotnet_interactive.language</c>; null when the cell does not say (the notebook default applies).
    /// Setting it writes both keys, as VS Code does.
    /// </summary>
    public string? KernelName
    {
        get => ReadString(Metadata, "polyglot_notebook", "kernelName") ?? ReadString(Metadata, "dotnet_interactive", "language");
        set
        {
            if (value is null)
            {
                (Metadata["polyglot_notebook"] as JsonObject)?.Remove("kernelName");
                (Metadata["dotnet_interactive"] as JsonObject)?.Remove("language");
                return;
            }

            JupyterJson.GetOrAddObject(Metadata, "dotnet_interactive")["language"] = value;
            JupyterJson.GetOrAddObject(Metadata, "polyglot_notebook")["kernelName"] = value;
        }
    }

    /// <summary>A deep copy.</summary>
    public NotebookCell Clone()
    {
        var clone = new NotebookCell(CellType, Source, (JsonObject)Metadata.DeepClone())
        {
            Id = Id,
            ExecutionCount = ExecutionCount,
        };
        clone.Outputs.AddRange(Outputs.Select(o => o.Clone()));
        foreach (var (key, value) in ExtraProperties)
        {
            clone.ExtraProperties[key] = value?.DeepClone();
        }

        return clone;
    }

    internal static string? ReadString(JsonObject obj, string section, string key) =>
        obj[section] is JsonObject s && s[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;

    /// <inheritdoc />
    public override string ToString()
    {
        var firstLine = Source.Split('\n', 2)[0];
        return $"{CellType} cell{(Id is null ? string.Empty : " " + Id)}: {firstLine}";
    }
}
