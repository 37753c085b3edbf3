using Microsoft.CodeAnalysis.CSharp;

namespace Barometer.Kernel.Execution;

/// <summary>A <c>#:property LangVersion=VALUE</c> line: the C# version of this and later cells.</summary>
internal sealed record LanguageVersionDirective(LanguageVersion Version, string Written, int Line);
