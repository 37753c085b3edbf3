namespace Barometer.Kernel.Language;

/// <summary>One completion match in the shape of Jupyter's <c>_jupyter_types_experimental</c> entries.</summary>
/// <param name="Start">Start of the replaced text, in code points.</param>
/// <param name="End">End of the replaced text, in code points.</param>
/// <param name="Text">The text to insert.</param>
/// <param name="Type">Its kind: <c>method</c>, <c>property</c>, <c>field</c>, <c>local</c>, <c>parameter</c>, <c>class</c>, <c>struct</c>, <c>interface</c>, <c>enum</c>, <c>keyword</c>, <c>namespace</c>, …</param>
/// <param name="Signature">A one-line signature when known, else null.</param>
public sealed record CompletionMatch(int Start, int End, string Text, string Type, string? Signature = null);
