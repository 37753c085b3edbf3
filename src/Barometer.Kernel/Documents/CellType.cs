namespace Barometer.Kernel.Documents;

/// <summary>The three nbformat 4 cell types.</summary>
public enum CellType
{
    /// <summary>Executable code (<c>"cell_type": "code"</c>).</summary>
    Code,

    /// <summary>Markdown text (<c>"cell_type": "markdown"</c>).</summary>
    Markdown,

    /// <summary>Raw, unrendered text (<c>"cell_type": "raw"</c>).</summary>
    Raw,
}
