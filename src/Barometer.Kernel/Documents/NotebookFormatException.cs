namespace Barometer.Kernel.Documents;

/// <summary>A notebook file could not be read because it is not valid nbformat 4 / .dib content.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The 1-based line of the problem, when it has one.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based character column of the problem, when it has one.</summary>
    public int? Column { get; init; }
}
