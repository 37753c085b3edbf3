using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// Writes nbformat 4 JSON the way Jupyter does: keys sorted, one-space indent, non-ASCII unescaped,
/// multiline strings as arrays of lines, a final newline. The model is not modified.
/// </summary>
internal static class IpynbWriter
{
    /// <summary>Serializes a notebook to <c>.ipynb</c> text.</summary>
    public static string Serialize(Notebook notebook, int indent = 1)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(notebook.Cells.Select(c => (JsonNode?)CellToJson(c)).ToArray()),
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = notebook.NbFormat,
            ["nbformat_minor"] = notebook.NbFormatMinor,
        };
        foreach (var (key, value) in notebook.ExtraProperties)
        {
            root[key] = value?.DeepClone();
        }

        return JupyterJson.Serialize(root, indent) + "\n";
    }

    internal static JsonObject CellToJson(NotebookCell cell)
    {
        var json = new JsonObject
        {
            ["cell_type"] = cell.CellType switch
            {
                CellType.Code => "code",
                CellType.Markdown => "markdown",
                _ => "raw",
            },
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = JupyterJson.SplitLines(cell.Source),
        };

        if (cell.Id is not null)
        {
            json["id"] = cell.Id;
        }

        if (cell.CellType == CellType.Code)
        {
            json["execution_count"] = cell.ExecutionCount is int count ? JsonValue.Create(count) : null;
            json["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode?)o.Json.DeepClone()).ToArray());
        }

        foreach (var (key, value) in cell.ExtraProperties)
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }
}
