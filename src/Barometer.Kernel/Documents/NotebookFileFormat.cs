namespace Barometer.Kernel.Documents;

/// <summary>On-disk notebook formats.</summary>
public enum NotebookFileFormat
{
    /// <summary>Jupyter nbformat 4 JSON (<c>.ipynb</c>).</summary>
    Ipynb,

    /// <summary>Polyglot Notebooks plain text (<c>.dib</c>).</summary>
    Dib,
}
