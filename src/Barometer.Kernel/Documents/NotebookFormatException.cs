namespace Barometer.Kernel.Documents;

/// <summary>A notebook file could not be read because it is not valid nbformat 4 / .dib content.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
