namespace Barometer.Kernel.Parameters;

/// <summary>A variable declared in the notebook's <c>parameters</c> cell.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Kind">Its type; null when the type is not one the injector supports (see <see cref="TypeText"/>).</param>
/// <param name="IsNullable">Declared with <c>?</c> (the value <c>null</c> is then accepted).</param>
/// <param name="TypeText">The type as written (<c>var</c> for inferred declarations).</param>
/// <param name="DefaultText">The initializer as written, or null.</param>
internal sealed record ParameterDeclaration(string Name, ParameterKind? Kind, bool IsNullable, string TypeText, string? DefaultText)
{
    /// <summary>The C# type name used when re-declaring the parameter (<c>double</c>, <c>string?</c>, …).</summary>
    public string CSharpType => ParameterValueConverter.CSharpTypeName(Kind ?? ParameterKind.Object, IsNullable);
}
