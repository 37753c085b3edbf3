using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Barometer.Kernel.Protocol;

/// <summary>Jupyter's answer to "is this code ready to run?" (<c>is_complete_reply</c>).</summary>
/// <param name="Status"><c>complete</c>, <c>incomplete</c> or <c>invalid</c>.</param>
/// <param name="Indent">For incomplete code: the indentation of the next line.</param>
public sealed record CompletenessResult(string Status, string Indent);

/// <summary>
/// Decides <c>is_complete_request</c> with Roslyn's script parser: <see cref="SyntaxFactory.IsCompleteSubmission"/>
/// tells a submission that needs more lines (an open brace, an unfinished statement) from one that is done;
/// a done one with syntax errors is invalid. The indent hint is four spaces per open brace/parenthesis.
/// </summary>
public static class SubmissionCompleteness
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Classifies <paramref name="code"/>.</summary>
    public static CompletenessResult Check(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (string.IsNullOrWhiteSpace(code))
        {
            return new CompletenessResult("complete", string.Empty);
        }

        var tree = CSharpSyntaxTree.ParseText(code, ScriptParse);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            return new CompletenessResult("incomplete", new string(' ', 4 * Math.Max(1, OpenDepth(tree))));
        }

        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? new CompletenessResult("invalid", string.Empty)
            : new CompletenessResult("complete", string.Empty);
    }

    private static int OpenDepth(SyntaxTree tree)
    {
        var depth = 0;
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (token.IsMissing)
            {
                continue;
            }

            switch (token.Kind())
            {
                case SyntaxKind.OpenBraceToken or SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken:
                    depth++;
                    break;
                case SyntaxKind.CloseBraceToken or SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken:
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return depth;
    }
}
