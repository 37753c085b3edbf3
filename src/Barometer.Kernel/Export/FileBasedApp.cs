namespace Barometer.Kernel.Export;

/// <summary>Something of the notebook that the exported file cannot express, kept in it as a comment.</summary>
/// <param name="Cell">1-based number of the cell among all cells.</param>
/// <param name="Line">1-based line in the cell, or null for the whole cell.</param>
/// <param name="Message">What it was and what to do instead.</param>
public sealed record ExportNote(int Cell, int? Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line is int line ? $"cell {Cell}, line {line}: {Message}" : $"cell {Cell}: {Message}";
}

/// <summary>What <see cref="FileBasedAppExporter.Export"/> made: the <c>.cs</c> text and what it could not express.</summary>
public sealed record FileBasedApp(string Text, IReadOnlyList<ExportNote> Notes);
