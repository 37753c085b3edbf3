namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>Where a <see cref="FormatDelegate{T}"/> writes (the .NET Interactive type of that name, reduced to its writer).</summary>
public sealed class FormatContext
{
    /// <summary>Creates a context writing to <paramref name="writer"/>.</summary>
    public FormatContext(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Writer = writer;
    }

    /// <summary>The writer formatted text goes to.</summary>
    public TextWriter Writer { get; }
}
