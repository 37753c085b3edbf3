using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// Reads nbformat 4 <c>.ipynb</c> JSON (as written by Jupyter and VS Code Polyglot Notebooks).
/// Multiline strings may be a string or an array of lines; everything not interpreted is preserved.
/// </summary>
internal static class IpynbReader
{
    /// <summary>Parses notebook JSON text.</summary>
    /// <exception cref="NotebookFormatException">The text is not nbformat 4 JSON.</exception>
    public static Notebook Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, JupyterJson.NodeOptions, JupyterJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw JupyterJson.InvalidJson("The notebook", json, ex);
        }

        if (root is not JsonObject obj)
        {
            throw new NotebookFormatException("The notebook JSON is not an object.");
        }

        var notebook = new Notebook
        {
            NbFormat = ReadInt(obj, "nbformat") ?? throw new NotebookFormatException("The notebook has no \"nbformat\" field."),
            NbFormatMinor = ReadInt(obj, "nbformat_minor") ?? 0,
        };
        if (notebook.NbFormat != 4)
        {
            throw new NotebookFormatException($"Only nbformat 4 notebooks are supported; this one is nbformat {notebook.NbFormat}. Open and save it with a current Jupyter or VS Code to upgrade it.");
        }

        notebook.ReplaceMetadata(Detach(obj, "metadata") as JsonObject ?? new JsonObject());

        if (Detach(obj, "cells") is not JsonArray cells)
        {
            throw new NotebookFormatException("The notebook has no \"cells\" array.");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cellJson)
            {
                throw new NotebookFormatException($"Cell {i + 1} is not a JSON object.");
            }

            try
            {
                notebook.Cells.Add(ReadCell(cellJson, i));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                // A field of the wrong JSON type (e.g. a number in "source").
                throw new NotebookFormatException($"Cell {i + 1} is not valid nbformat 4: {ex.Message}", ex);
            }
        }

        obj.Remove("nbformat");
        obj.Remove("nbformat_minor");
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            notebook.ExtraProperties[key] = Detach(obj, key);
        }

        return notebook;
    }

    private static NotebookCell ReadCell(JsonObject json, int index)
    {
        var typeName = Detach(json, "cell_type") is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        var type = typeName switch
        {
            "code" => CellType.Code,
            "markdown" => CellType.Markdown,
            "raw" => CellType.Raw,
            _ => throw new NotebookFormatException($"Cell {index + 1} has an unknown cell_type '{typeName}'."),
        };

        var source = JupyterJson.JoinLines(Detach(json, "source"));
        var cell = new NotebookCell(type, source, Detach(json, "metadata") as JsonObject);

        if (Detach(json, "id") is JsonValue id && id.GetValueKind() == JsonValueKind.String)
        {
            cell.Id = id.GetValue<string>();
        }

        if (type == CellType.Code)
        {
            var count = Detach(json, "execution_count");
            cell.ExecutionCount = count is JsonValue v && v.TryGetValue<int>(out var number) ? number : null;
            if (Detach(json, "outputs") is JsonArray outputs)
            {
                foreach (var output in outputs.ToList())
                {
                    if (output is not JsonObject outputJson)
                    {
                        throw new NotebookFormatException($"An output of cell {index + 1} is not a JSON object.");
                    }

                    outputs.Remove(outputJson);
                    cell.Outputs.Add(new CellOutput(outputJson));
                }
            }
        }

        foreach (var key in json.Select(p => p.Key).ToList())
        {
            cell.ExtraProperties[key] = Detach(json, key);
        }

        return cell;
    }

    private static JsonNode? Detach(JsonObject obj, string key)
    {
        if (!obj.TryGetPropertyValue(key, out var node))
        {
            return null;
        }

        obj.Remove(key);
        return node;
    }

    private static int? ReadInt(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<int>(out var number) ? number : null;
}
