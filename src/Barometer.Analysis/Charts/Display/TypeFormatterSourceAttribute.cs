namespace Barometer.Analysis.Charts.Display;

/// <summary>
/// .NET Interactive's name-matched formatter convention: its <c>Formatter</c> looks for an attribute whose type is
/// <em>named</em> <c>TypeFormatterSourceAttribute</c> on the displayed object's type, reads the public properties
/// <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/> by reflection, creates the source with its
/// parameterless constructor and calls its public <c>CreateTypeFormatters()</c>; each formatter it returns needs a
/// public <c>string MimeType</c> and a public <c>bool Format(object, TextWriter)</c>. So a <see cref="NamedFigure"/> shows
/// as a chart in Polyglot Notebooks without this library referencing Microsoft.DotNet.Interactive.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    public Type FormatterSourceType { get; }

    public string[] PreferredMimeTypes { get; set; } = [];
}
