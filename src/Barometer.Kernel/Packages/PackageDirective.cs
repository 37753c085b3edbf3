using System.Text.RegularExpressions;

namespace Barometer.Kernel.Packages;

/// <summary>What a <c>#r "nuget:…"</c> / <c>#i "nuget:…"</c> line asks for.</summary>
public enum PackageDirectiveKind
{
    /// <summary><c>#r "nuget: Name[, Version]"</c>: reference a package.</summary>
    Reference,

    /// <summary><c>#i "nuget: SOURCE"</c>: add a package source (feed URL or folder) for the session.</summary>
    Source,
}

/// <summary>
/// One package directive of a cell.
/// </summary>
/// <param name="Kind">Reference or source.</param>
/// <param name="Name">The package id (for a reference) or the source (for <c>#i</c>).</param>
/// <param name="Version">The version text as written (<c>5.0.0</c>, <c>[1.0,2.0)</c>, <c>5.*</c>, <c>*-*</c>); null: newest stable.</param>
/// <param name="Line">1-based line of the directive in its cell.</param>
/// <param name="Text">The directive as written (trimmed).</param>
public sealed record PackageDirective(PackageDirectiveKind Kind, string Name, string? Version, int Line, string Text)
{
    /// <summary>"Name Version" or "Name" for messages.</summary>
    public string Display => Version is null ? Name : $"{Name} {Version}";
}

/// <summary>Recognises package directives in cell lines (the syntax .NET Interactive accepted).</summary>
internal static partial class PackageDirectiveParser
{
    [GeneratedRegex("""^\s*#(?<kind>r|i)\s+"\s*nuget\s*:\s*(?<name>[^,"]*?)\s*(,\s*(?<version>[^"]*?)\s*)?"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex DirectivePattern();

    /// <summary>Parses <paramref name="line"/> (the <paramref name="lineNumber"/>-th line of a cell) if it is a package directive.</summary>
    public static bool TryParse(string line, int lineNumber, out PackageDirective? directive)
    {
        var match = DirectivePattern().Match(line);
        if (!match.Success)
        {
            directive = null;
            return false;
        }

        var kind = match.Groups["kind"].Value.Equals("i", StringComparison.OrdinalIgnoreCase) ? PackageDirectiveKind.Source : PackageDirectiveKind.Reference;
        var name = match.Groups["name"].Value;
        var version = match.Groups["version"].Success && match.Groups["version"].Value.Length > 0 ? match.Groups["version"].Value : null;
        if (kind == PackageDirectiveKind.Source && version is not null)
        {
            // A source may itself contain a comma only in odd URLs; keep the whole text.
            name = name + "," + version;
            version = null;
        }

        directive = new PackageDirective(kind, name, version, lineNumber, line.Trim());
        return true;
    }
}
