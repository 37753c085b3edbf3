namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>A formatter that writes <paramref name="value"/> to <paramref name="context"/>'s writer, or returns false to decline.</summary>
/// <typeparam name="T">The type formatted.</typeparam>
#pragma warning disable CA1711 // the name is the .NET Interactive API notebooks are written against
public delegate bool FormatDelegate<in T>(T value, FormatContext context);
