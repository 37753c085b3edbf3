namespace Barometer.Kernel.Projects;

/// <summary>A <c>#:project PATH</c> line: build a project (relative to the notebook's folder) and reference its output with its dependencies.</summary>
/// <param name="Path">The path as written: a <c>.csproj</c> or a folder holding one.</param>
/// <param name="Line">1-based line in the cell.</param>
/// <param name="Text">The directive as written (trimmed).</param>
internal sealed record ProjectDirective(string Path, int Line, string Text);
