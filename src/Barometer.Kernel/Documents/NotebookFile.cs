using Barometer.IO;

namespace Barometer.Kernel.Documents;

/// <summary>Loads and saves notebooks by file extension (<c>.ipynb</c> or <c>.dib</c>).</summary>
public static class NotebookFile
{
    /// <summary>The format implied by a path's extension.</summary>
    /// <exception cref="NotebookFormatException">The extension is neither .ipynb nor .dib.</exception>
    public static NotebookFileFormat FormatOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => NotebookFileFormat.Ipynb,
            ".dib" => NotebookFileFormat.Dib,
            var other => throw new NotebookFormatException($"'{path}' is not a notebook: expected a .ipynb or .dib file, got '{other}'."),
        };

    /// <summary>True when the path has a notebook extension (.ipynb or .dib).</summary>
    public static bool IsNotebookPath(string path) =>
        Path.GetExtension(path).Equals(".ipynb", StringComparison.OrdinalIgnoreCase) ||
        Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses notebook text in the given format.</summary>
    public static Notebook Parse(string text, NotebookFileFormat format) =>
        format == NotebookFileFormat.Ipynb ? IpynbReader.Parse(text) : DibReader.Parse(text);

    /// <summary>Serializes a notebook in the given format.</summary>
    public static string Serialize(Notebook notebook, NotebookFileFormat format) =>
        format == NotebookFileFormat.Ipynb ? IpynbWriter.Serialize(notebook) : DibWriter.Serialize(notebook);

    /// <summary>Reads a notebook file.</summary>
    public static async Task<Notebook> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var format = FormatOf(path);
        var text = await File.ReadAllTextAsync(path, AtomicFile.Utf8NoBom, cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(text, format);
        }
        catch (NotebookFormatException ex)
        {
            throw new NotebookFormatException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a notebook atomically (temp file, then rename) in the format implied by the extension.</summary>
    public static Task SaveAsync(Notebook notebook, string path, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, Serialize(notebook, FormatOf(path)), cancellationToken);
}
