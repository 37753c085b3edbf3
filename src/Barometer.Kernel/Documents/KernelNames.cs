namespace Barometer.Kernel.Documents;

/// <summary>
/// Kernel (language) names used by Polyglot Notebooks: cell metadata <c>polyglot_notebook.kernelName</c>,
/// <c>#!name</c> cell separators in <c>.dib</c> files and <c>#!name</c> first lines in cells.
/// </summary>
public static class KernelNames
{
    /// <summary>The canonical C# kernel name.</summary>
    public const string CSharp = "csharp";

    /// <summary>The pseudo kernel name of markdown cells in <c>.dib</c> files.</summary>
    public const string Markdown = "markdown";

    // canonical name -> aliases, as Polyglot Notebooks declares them.
    private static readonly (string Name, string[] Aliases)[] Known =
    [
        (CSharp, ["c#", "C#", "cs"]),
        ("fsharp", ["f#", "F#"]),
        ("pwsh", ["powershell"]),
        ("javascript", ["js"]),
        ("html", []),
        ("sql", []),
        ("kql", []),
        ("mermaid", []),
        ("http", []),
        ("value", []),
        ("python", []),
        ("r", []),
        (Markdown, ["md"]),
    ];

    private static readonly Dictionary<string, string> ByAlias = BuildAliasMap();

    private static Dictionary<string, string> BuildAliasMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, aliases) in Known)
        {
            map[name] = name;
            foreach (var alias in aliases)
            {
                map[alias] = name;
            }
        }

        return map;
    }

    /// <summary>
    /// Maps a kernel name or alias (e.g. <c>c#</c>, <c>C#</c>, <c>powershell</c>) to its canonical name;
    /// unknown names are returned lower-cased.
    /// </summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        return ByAlias.TryGetValue(trimmed, out var canonical)
            ? canonical
            : ByAlias.TryGetValue(trimmed.ToLowerInvariant(), out canonical) ? canonical : trimmed.ToLowerInvariant();
    }

    /// <summary>True when <paramref name="name"/> is a known kernel name or alias (not a magic command such as <c>#!time</c>).</summary>
    public static bool IsKnown(string name) => ByAlias.ContainsKey(name.Trim());

    /// <summary>True for <c>csharp</c> and its aliases.</summary>
    public static bool IsCSharp(string? name) => name is not null && Normalize(name) == CSharp;

    /// <summary>
    /// Maps a Jupyter kernelspec name or language (<c>.net-csharp</c>, <c>C#</c>, <c>python3</c>) to a kernel name.
    /// Returns null for names that say nothing about the language (e.g. <c>polyglot-notebook</c>).
    /// </summary>
    public static string? FromJupyterLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var value = language.Trim();
        if (value.StartsWith(".net-", StringComparison.OrdinalIgnoreCase))
        {
            value = value[".net-".Length..];
        }

        if (value.Equals("polyglot-notebook", StringComparison.OrdinalIgnoreCase) ||
            value.Equals("dotnet-interactive", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value.StartsWith("python", StringComparison.OrdinalIgnoreCase))
        {
            return "python";
        }

        return Normalize(value);
    }
}
