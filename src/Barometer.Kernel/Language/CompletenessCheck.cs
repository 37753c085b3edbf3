using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Barometer.Kernel.Language;

/// <summary>
/// Jupyter's <c>is_complete</c> from Roslyn's own test of a complete submission
/// (<see cref="SyntaxFactory.IsCompleteSubmission"/> on a script-kind parse): incomplete code gets an indent of
/// four spaces per open brace, parenthesis or bracket; complete code with a syntax error that more text cannot
/// fix is <see cref="CompletenessStatus.Invalid"/>.
/// </summary>
internal static class CompletenessCheck
{
    public const int IndentWidth = 4;

    public static CompletenessResult Check(string code, CSharpParseOptions parseOptions)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new CompletenessResult(CompletenessStatus.Complete, string.Empty);
        }

        var tree = CSharpSyntaxTree.ParseText(code, parseOptions.WithKind(SourceCodeKind.Script));
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            return new CompletenessResult(CompletenessStatus.Incomplete, new string(' ', IndentWidth * OpenDepth(tree)));
        }

        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? new CompletenessResult(CompletenessStatus.Invalid, string.Empty)
            : new CompletenessResult(CompletenessStatus.Complete, string.Empty);
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
                case SyntaxKind.OpenBraceToken:
                case SyntaxKind.OpenParenToken:
                case SyntaxKind.OpenBracketToken:
                    depth++;
                    break;
                case SyntaxKind.CloseBraceToken:
                case SyntaxKind.CloseParenToken:
                case SyntaxKind.CloseBracketToken:
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return depth;
    }
}
