using System.Globalization;
using System.Text;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Packages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Barometer.Kernel.Export;

/// <summary>
/// A notebook as a .NET 10 file-based app (<c>dotnet run app.cs</c>), in cell order:
/// <list type="bullet">
/// <item>directives at the top: <c>#:package</c>, <c>#:project</c> (its path made relative to the output's folder),
/// <c>#:property</c>, and <c>#r "nuget: X, V"</c> turned into <c>#:package X@V</c> (no version: <c>X@*</c>); then every
/// cell's <c>using</c>s (a file allows them only at its top);</item>
/// <item>the cells' statements and methods in order; a cell's trailing expression (shown by a notebook) printed with
/// <c>Console.WriteLine</c>, and <c>display(x)</c> too, through a small <c>NotebookOutput</c> class added at the end;</item>
/// <item>the cells' types (classes, records, …) after all statements, as C# requires of top-level programs;</item>
/// <item>Markdown cells as <c>//</c> comments;</item>
/// <item>what a file-based app cannot express (<c>#i</c> sources, <c>#r "file.dll"</c>, <c>#load</c>, magic commands,
/// cells in HTML, JavaScript, F#, …) commented out where it was and returned as <see cref="FileBasedApp.Notes"/>.</item>
/// </list>
/// A variable declared again in a later cell (which a notebook allows) stays a compile error of the file.
/// </summary>
public static class FileBasedAppExporter
{
    private static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    /// <summary>Exports <paramref name="notebook"/>, read from <paramref name="notebookPath"/>, to be written at <paramref name="outputPath"/>.</summary>
    public static FileBasedApp Export(Notebook notebook, string notebookPath, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var notebookDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var outputDirectory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        var directives = new List<string>();
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var notes = new List<ExportNote>();
        var needsOutput = false;
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            var number = index + 1;
            if (cell.CellType == CellType.Markdown)
            {
                body.Append(Comment(cell.Source)).Append('\n');
                continue;
            }

            if (cell.CellType != CellType.Code || string.IsNullOrWhiteSpace(cell.Source))
            {
                continue;
            }

            var kernel = notebook.KernelNameOf(cell);
            if (!KernelNames.IsCSharp(kernel))
            {
                notes.Add(new ExportNote(number, null, $"a '{kernel}' cell: a C# file cannot run it; kept as a comment"));
                body.Append(CultureInfo.InvariantCulture, $"// cell {number} ('{kernel}', not C#):\n").Append(Comment(cell.Source)).Append('\n');
                continue;
            }

            var code = Directives(cell.Source, number, notebookDirectory, outputDirectory, directives, notes);
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptOptions).GetRoot();
            usings.AddRange(root.Usings.Select(u => u.ToString().Trim()));
            body.Append(CultureInfo.InvariantCulture, $"// cell {number}\n");
            var members = root.Members;
            for (var m = 0; m < members.Count; m++)
            {
                var member = members[m];
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax)
                {
                    types.Append(member.ToFullString().Trim('\n', '\r')).Append("\n\n");
                }
                else if (m == members.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } trailing })
                {
                    body.Append(member.GetLeadingTrivia().ToFullString().TrimStart('\n', '\r'));
                    body.Append(Show(trailing.Expression)).Append('\n');
                    needsOutput |= !trailing.Expression.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any();
                }
                else
                {
                    body.Append(member.ToFullString().Trim('\n', '\r')).Append('\n');
                }
            }

            needsOutput |= code.Contains("display(", StringComparison.Ordinal);
            body.Append('\n');
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"// {Path.GetFileName(notebookPath)} as a .NET file-based app: dotnet run {Path.GetFileName(outputPath)}\n");
        foreach (var directive in directives.Distinct(StringComparer.Ordinal))
        {
            text.Append(directive).Append('\n');
        }

        text.Append('\n');
        foreach (var line in usings.Distinct(StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        if (needsOutput)
        {
            text.Append("using static NotebookOutput;\n");
        }

        text.Append('\n').Append(body.ToString().TrimEnd('\n')).Append("\n\n").Append(types);
        if (needsOutput)
        {
            text.Append("""
                /// <summary>What a notebook shows, printed: a cell's trailing value and display(x).</summary>
                static class NotebookOutput
                {
                    public static void Show(Action statement) => statement();
                    public static void Show<T>(Func<T> value) => Console.WriteLine(value());
                    public static void display(object? value, params string[] mimeTypes) => Console.WriteLine(value);
                }

                """);
        }

        return new FileBasedApp(text.ToString().TrimEnd('\n') + "\n", notes);
    }

    /// <summary>
    /// A trailing expression: printed through <c>NotebookOutput.Show(() =&gt; …)</c>, which C# binds to the
    /// <c>Func&lt;T&gt;</c> overload for a value and to the <c>Action</c> one for a call that returns nothing; a statement
    /// when it awaits (a lambda would need <c>async</c>).
    /// </summary>
    private static string Show(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any()
            ? expression.ToString().Trim() + ";"
            : $"Show(() => {expression.ToString().Trim()});";

    /// <summary>The cell with its directive, magic and kernel lines taken out (hoisted, or commented out and noted).</summary>
    private static string Directives(string source, int cell, string notebookDirectory, string outputDirectory, List<string> directives, List<ExportNote> notes)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("#:project", StringComparison.Ordinal) && trimmed.Length > "#:project".Length && char.IsWhiteSpace(trimmed["#:project".Length]))
            {
                var path = Path.GetFullPath(trimmed["#:project".Length..].Trim(), notebookDirectory);
                directives.Add("#:project " + Path.GetRelativePath(outputDirectory, path).Replace('\\', '/'));
                lines[i] = string.Empty;
            }
            else if (trimmed.StartsWith("#:", StringComparison.Ordinal))
            {
                directives.Add(trimmed);
                lines[i] = string.Empty;
            }
            else if (PackageDirectiveParser.TryParse(lines[i], i + 1, out var package) && package!.Kind == PackageDirectiveKind.Reference)
            {
                directives.Add($"#:package {package.Name}@{package.Version ?? "*"}");
                lines[i] = string.Empty;
            }
            else if (package is not null)
            {
                lines[i] = "// " + trimmed;
                notes.Add(new ExportNote(cell, i + 1, $"'{trimmed}': a file-based app has no package-source directive; add the source to a nuget.config beside the file"));
            }
            else if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var name = trimmed.Split(' ', 2)[0];
                lines[i] = KernelNames.IsCSharp(name[2..]) ? string.Empty : "// " + trimmed;
                if (!KernelNames.IsCSharp(name[2..]))
                {
                    notes.Add(new ExportNote(cell, i + 1, $"the magic command '{name}' has no file-based-app form; kept as a comment"));
                }
            }
            else if (trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#load ", StringComparison.Ordinal))
            {
                lines[i] = "// " + trimmed;
                notes.Add(new ExportNote(cell, i + 1, $"'{trimmed}': a file-based app cannot reference a file this way; reference its project with #:project, or its package with #:package"));
            }
        }

        return string.Join('\n', lines);
    }

    private static string Comment(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? "//" : "// " + l));
}
