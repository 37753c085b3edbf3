using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Execution;

/// <summary>Syntax/semantic questions about a compiled submission.</summary>
internal static class SubmissionAnalysis
{
    /// <summary>
    /// True when the submission ends with an expression without a semicolon whose type is not void: that is
    /// what Roslyn returns as the script's value (the cell's <c>execute_result</c>), including a null value.
    /// </summary>
    public static bool HasTrailingExpression(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root)
        {
            return false;
        }

        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement } ||
            !statement.SemicolonToken.IsMissing)
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is null || type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>The script class name Roslyn gives the submission (e.g. <c>Submission#3</c>).</summary>
    public static string? ScriptClassName(Script script) => script.GetCompilation().ScriptClass?.Name;
}
