namespace Barometer.Kernel.Magics;

/// <summary>Checks shared by the magic commands.</summary>
internal static class MagicArguments
{
    /// <exception cref="MagicException">The line has arguments.</exception>
    public static void None(MagicLine line)
    {
        if (line.Arguments.Count > 0)
        {
            throw new MagicException($"{line.Name} takes no arguments (found '{string.Join(' ', line.Arguments)}')");
        }
    }

    /// <summary>The option's value, or an error naming the option the command needs.</summary>
    /// <exception cref="MagicException">It is missing.</exception>
    public static string Required(MagicLine line, IReadOnlyDictionary<string, string> options, string option, string usage) =>
        options.TryGetValue(option, out var value) && value.Length > 0
            ? value
            : throw new MagicException($"{line.Name} needs {option} (usage: {usage})");

    /// <exception cref="MagicException">The name is not a C# identifier.</exception>
    public static string Identifier(MagicLine line, string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name)
            ? name
            : throw new MagicException($"{line.Name}: '{name}' is not a valid C# variable name");
}
