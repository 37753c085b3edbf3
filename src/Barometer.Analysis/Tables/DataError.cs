namespace Barometer.Analysis.Tables;

/// <summary>
/// One problem found in a data file, located by file, 1-based line and 1-based character column: the cell where it
/// is, or 1:1 when it concerns the whole file (never 0, which editors reject).
/// Renders as <c>file:line:column: message</c>, the form compilers use, so editors can jump to it.
/// </summary>
public sealed record DataError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Thrown when data cannot be loaded; carries every problem found, not only the first.</summary>
public sealed class DataValidationException(IReadOnlyList<DataError> errors)
    : Exception(errors.Count == 1
        ? errors[0].ToString()
        : $"{errors.Count} problems in the data:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<DataError> Errors { get; } = errors;
}
