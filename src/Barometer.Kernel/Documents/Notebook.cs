using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Documents;

/// <summary>
/// An nbformat 4 notebook (also the in-memory form of a Polyglot <c>.dib</c> file). Notebook metadata and
/// unknown top-level fields are kept as JSON and written back unchanged.
/// </summary>
public sealed class Notebook
{
    /// <summary>nbformat major version (always 4).</summary>
    public int NbFormat { get; set; } = 4;

    /// <summary>nbformat minor version.</summary>
    public int NbFormatMinor { get; set; } = 5;

    /// <summary>Notebook metadata, kept verbatim.</summary>
    public JsonObject Metadata { get; private set; } = new();

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>Top-level fields other than cells/metadata/nbformat/nbformat_minor.</summary>
    public JsonObject ExtraProperties { get; } = new();

    /// <summary>The line ending a .dib file used (written back the same way).</summary>
    public string DibNewline { get; set; } = "\n";

    /// <summary>
    /// Creates a notebook with the metadata VS Code Polyglot Notebooks writes for a C# notebook
    /// (kernelspec <c>.net-csharp</c>, <c>language_info</c>, <c>polyglot_notebook.kernelInfo</c>).
    /// </summary>
    public static Notebook CreatePolyglot()
    {
        var notebook = new Notebook();
        notebook.SetJupyterCSharpMetadata();
        notebook.Metadata["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = KernelNames.CSharp,
                ["items"] = new JsonArray(new JsonObject
                {
                    ["aliases"] = new JsonArray(),
                    ["name"] = KernelNames.CSharp,
                }),
            },
        };
        return notebook;
    }

    /// <summary>The Jupyter <c>kernelspec</c> and <c>language_info</c> VS Code writes for a C# Polyglot notebook.</summary>
    internal void SetJupyterCSharpMetadata()
    {
        Metadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        Metadata["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" };
    }

    /// <summary>
    /// The kernel that runs cells whose metadata does not name one: <c>polyglot_notebook.kernelInfo.defaultKernelName</c>,
    /// else the Jupyter kernelspec (<c>.net-csharp</c> → <c>csharp</c>), else <c>language_info.name</c>, else <c>csharp</c>.
    /// </summary>
    public string DefaultKernelName
    {
        get
        {
            if (Metadata["polyglot_notebook"] is JsonObject polyglot &&
                polyglot["kernelInfo"] is JsonObject info &&
                info["defaultKernelName"] is JsonValue name && name.GetValueKind() == JsonValueKind.String)
            {
                return KernelNames.Normalize(name.GetValue<string>());
            }

            return KernelNames.FromJupyterLanguage(NotebookCell.ReadString(Metadata, "kernelspec", "name"))
                ?? KernelNames.FromJupyterLanguage(NotebookCell.ReadString(Metadata, "kernelspec", "language"))
                ?? KernelNames.FromJupyterLanguage(NotebookCell.ReadString(Metadata, "language_info", "name"))
                ?? KernelNames.CSharp;
        }
    }

    /// <summary>Kernels declared in <c>polyglot_notebook.kernelInfo.items</c> (name and aliases), used to split .dib files.</summary>
    internal IEnumerable<(string Name, IReadOnlyList<string> Aliases)> DeclaredKernels()
    {
        if (Metadata["polyglot_notebook"] is JsonObject polyglot &&
            polyglot["kernelInfo"] is JsonObject info &&
            info["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String)
                {
                    IReadOnlyList<string> aliases = item["aliases"] is JsonArray a
                        ? a.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList()
                        : [];
                    yield return (n.GetValue<string>(), aliases);
                }
            }
        }
    }

    /// <summary>The kernel a cell runs in: its first-line <c>#!name</c>, else its metadata, else the notebook default.</summary>
    public string KernelNameOf(NotebookCell cell)
    {
        var firstLine = FirstNonBlankLine(cell.Source);
        if (firstLine is not null && firstLine.StartsWith("#!", StringComparison.Ordinal))
        {
            var name = firstLine[2..].Trim();
            if (KernelNames.IsKnown(name))
            {
                return KernelNames.Normalize(name);
            }
        }

        return cell.KernelName is { Length: > 0 } kernel ? KernelNames.Normalize(kernel) : DefaultKernelName;
    }

    internal static string? FirstNonBlankLine(string source)
    {
        foreach (var line in source.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line.TrimEnd('\r');
            }
        }

        return null;
    }

    /// <summary>
    /// Makes the notebook valid nbformat 4.5: sets <c>nbformat_minor</c> to at least 5 and gives every cell
    /// lacking a valid one a unique id. Ids derive from the cell's position and source, so running the same
    /// notebook twice produces the same ids.
    /// </summary>
    public void EnsureCellIds()
    {
        if (NbFormatMinor < 5)
        {
            NbFormatMinor = 5;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Cells.Count; i++)
        {
            var cell = Cells[i];
            if (cell.Id is { } id && IsValidCellId(id) && used.Add(id))
            {
                continue;
            }

            var candidate = DeriveId(i, cell.Source);
            for (var n = 1; used.Contains(candidate) || Cells.Skip(i + 1).Any(c => c.Id == candidate); n++)
            {
                candidate = DeriveId(i, cell.Source + "#" + n);
            }

            cell.Id = candidate;
            used.Add(candidate);
        }
    }

    private static string DeriveId(int index, string source)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{index}\n{source}"));
        return Convert.ToHexStringLower(hash)[..8];
    }

    /// <summary>nbformat 4.5: 1–64 characters of ASCII letters, digits, '-' and '_'.</summary>
    public static bool IsValidCellId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A deep copy.</summary>
    public Notebook Clone()
    {
        var clone = new Notebook
        {
            NbFormat = NbFormat,
            NbFormatMinor = NbFormatMinor,
            Metadata = (JsonObject)Metadata.DeepClone(),
            DibNewline = DibNewline,
        };
        clone.Cells.AddRange(Cells.Select(c => c.Clone()));
        foreach (var (key, value) in ExtraProperties)
        {
            clone.ExtraProperties[key] = value?.DeepClone();
        }

        return clone;
    }

    internal void ReplaceMetadata(JsonObject metadata) => Metadata = metadata;
}
