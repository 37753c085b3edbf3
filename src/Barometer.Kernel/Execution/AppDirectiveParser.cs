using Barometer.Kernel.Packages;
using Barometer.Kernel.Projects;
using Microsoft.CodeAnalysis.CSharp;

namespace Barometer.Kernel.Execution;

/// <summary>
/// .NET 10's file-based-app directives in a cell (Roslyn parses <c>#:</c> lines and, outside a file-based program,
/// answers CS9298; the session takes them out before compiling):
/// <list type="bullet">
/// <item><c>#:package Name@Version</c> (or <c>#:package Name</c>, the newest stable): the same as <c>#r "nuget: Name, Version"</c>;</item>
/// <item><c>#:project PATH</c>: a <c>.csproj</c> or its folder, relative to the notebook's folder;</item>
/// <item><c>#:property LangVersion=VALUE</c> (<c>preview</c>, <c>latest</c>, <c>13</c>, …): the C# version from this cell on;</item>
/// <item><c>#:sdk</c> and other properties have no meaning in a notebook and are reported as such.</item>
/// </list>
/// </summary>
internal static class AppDirectiveParser
{
    /// <summary>
    /// Parses <paramref name="line"/> if it is a <c>#:</c> directive: true with exactly one of the outputs set (a
    /// package, a project, a language version, or an error message); false for any other line.
    /// </summary>
    public static bool TryParse(string line, int lineNumber, out AppDirectiveParse parse)
    {
        var trimmed = line.Trim();
        parse = default;
        if (!trimmed.StartsWith("#:", StringComparison.Ordinal))
        {
            return false;
        }

        var body = trimmed[2..];
        var space = body.IndexOfAny([' ', '\t']);
        var kind = space < 0 ? body : body[..space];
        var argument = space < 0 ? string.Empty : body[(space + 1)..].Trim();
        parse = kind switch
        {
            "package" => Package(argument, lineNumber, trimmed),
            "project" => argument.Length == 0
                ? Error("#:project needs a path: #:project ../src/MyLibrary (a .csproj or the folder that holds one, relative to the notebook)")
                : new AppDirectiveParse { Project = new ProjectDirective(Unquote(argument), lineNumber, trimmed) },
            "property" => Property(argument, lineNumber),
            "sdk" => Error("#:sdk has no meaning in a notebook: cells run on the .NET runtime of the kernel (use #:package and #:project for what a project would reference)"),
            _ => Error($"'#:{kind}' is not a directive this kernel knows; it knows #:package Name@Version, #:project PATH and #:property LangVersion=VALUE"),
        };
        return true;
    }

    private static AppDirectiveParse Package(string argument, int lineNumber, string text)
    {
        var at = argument.IndexOf('@', StringComparison.Ordinal);
        var name = (at < 0 ? argument : argument[..at]).Trim();
        var version = at < 0 ? null : argument[(at + 1)..].Trim();
        if (name.Length == 0 || name.Any(char.IsWhiteSpace) || version is { Length: 0 })
        {
            return Error("#:package needs a package id and, after '@', a version: #:package Humanizer.Core@2.14.1 (or a range, or a floating version such as 2.*)");
        }

        return new AppDirectiveParse { Package = new PackageDirective(PackageDirectiveKind.Reference, name, version, lineNumber, text) };
    }

    private static AppDirectiveParse Property(string argument, int lineNumber)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? argument : argument[..equals]).Trim();
        var value = equals < 0 ? string.Empty : argument[(equals + 1)..].Trim();
        if (!name.Equals("LangVersion", StringComparison.OrdinalIgnoreCase))
        {
            return Error($"#:property {name} has no meaning in a notebook; the one property a notebook takes is LangVersion (#:property LangVersion=preview)");
        }

        return LanguageVersionFacts.TryParse(value, out var version)
            ? new AppDirectiveParse { LanguageVersion = new LanguageVersionDirective(version, value, lineNumber) }
            : Error($"'{value}' is not a C# language version; write #:property LangVersion=preview (or latest, default, 13, 14, …)");
    }

    private static string Unquote(string text) => text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    private static AppDirectiveParse Error(string message) => new() { Error = message };
}
