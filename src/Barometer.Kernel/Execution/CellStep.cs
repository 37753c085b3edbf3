using Barometer.Kernel.Magics;

namespace Barometer.Kernel.Execution;

/// <summary>
/// One step of a cell that has magic commands or kernel lines, in the order written: the session runs them one after
/// another and stops at the first that fails, as .NET Interactive runs a submission's parts.
/// </summary>
internal abstract record CellStep;

/// <summary>
/// C# lines between two magic lines: <see cref="PreparedSubmission.Code"/> holds the whole cell with every other line
/// blank, so compiler messages keep the cell's line numbers.
/// </summary>
internal sealed record CodeStep(PreparedSubmission Code) : CellStep;

/// <summary>A magic command, or a kernel line with the text it governs (<paramref name="Content"/>).</summary>
internal sealed record MagicStep(IMagicCommand Command, MagicLine Line, string? Content) : CellStep;
