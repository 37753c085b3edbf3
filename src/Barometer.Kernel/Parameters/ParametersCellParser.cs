using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Barometer.Kernel.Parameters;

/// <summary>
/// Finds the variables a <c>parameters</c> cell declares and their types, using Roslyn's parser (script
/// syntax): an explicit type (<c>double Flip = 0.1;</c>, <c>string? Name = null;</c>, <c>DateOnly Day = …</c>)
/// or, for <c>var</c>, the kind of the initializer (<c>var Flip = 0.1;</c> → double, <c>var N = 3L;</c> → long,
/// <c>var S = "x";</c> → string, <c>var On = true;</c> → bool, <c>var D = new DateTime(…)</c> → DateTime).
/// </summary>
internal static class ParametersCellParser
{
    private static readonly CSharpParseOptions ScriptParseOptions =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>Declarations in source order.</summary>
    public static IReadOnlyList<ParameterDeclaration> Parse(string source)
    {
        var text = StripKernelLine(source);
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, ScriptParseOptions).GetRoot();
        var declarations = new List<ParameterDeclaration>();
        foreach (var member in root.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (declaration is null)
            {
                continue;
            }

            foreach (var variable in declaration.Variables)
            {
                declarations.Add(Describe(declaration.Type, variable));
            }
        }

        return declarations;
    }

    private static string StripKernelLine(string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                lines[i] = string.Empty;
            }

            break;
        }

        return string.Join('\n', lines);
    }

    private static ParameterDeclaration Describe(TypeSyntax type, VariableDeclaratorSyntax variable)
    {
        var name = variable.Identifier.ValueText;
        var initializer = variable.Initializer?.Value;
        if (type.IsVar)
        {
            var (kind, nullable) = initializer is null ? (null, false) : InferFromExpression(initializer);
            return new ParameterDeclaration(name, kind, nullable, "var", initializer?.ToString());
        }

        var (explicitKind, isNullable) = FromType(type);
        return new ParameterDeclaration(name, explicitKind, isNullable, type.ToString(), initializer?.ToString());
    }

    private static (ParameterKind? Kind, bool Nullable) FromType(TypeSyntax type)
    {
        if (type is NullableTypeSyntax nullable)
        {
            return (FromType(nullable.ElementType).Kind, true);
        }

        if (type is PredefinedTypeSyntax predefined)
        {
            return (predefined.Keyword.Kind() switch
            {
                SyntaxKind.IntKeyword => ParameterKind.Int32,
                SyntaxKind.LongKeyword => ParameterKind.Int64,
                SyntaxKind.DoubleKeyword => ParameterKind.Double,
                SyntaxKind.FloatKeyword => ParameterKind.Single,
                SyntaxKind.DecimalKeyword => ParameterKind.Decimal,
                SyntaxKind.BoolKeyword => ParameterKind.Boolean,
                SyntaxKind.StringKeyword => ParameterKind.String,
                SyntaxKind.ObjectKeyword => ParameterKind.Object,
                _ => null,
            }, false);
        }

        var last = type switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => null,
        };
        return (FromTypeName(last), false);
    }

    private static ParameterKind? FromTypeName(string? name) => name switch
    {
        "Int32" => ParameterKind.Int32,
        "Int64" => ParameterKind.Int64,
        "Double" => ParameterKind.Double,
        "Single" => ParameterKind.Single,
        "Decimal" => ParameterKind.Decimal,
        "Boolean" => ParameterKind.Boolean,
        "String" => ParameterKind.String,
        "DateTime" => ParameterKind.DateTime,
        "DateOnly" => ParameterKind.DateOnly,
        "TimeSpan" => ParameterKind.TimeSpan,
        _ => null,
    };

    private static (ParameterKind? Kind, bool Nullable) InferFromExpression(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return InferFromExpression(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression):
                return InferFromExpression(unary.Operand);
            case LiteralExpressionSyntax literal:
                return (literal.Kind() switch
                {
                    SyntaxKind.StringLiteralExpression or SyntaxKind.Utf8StringLiteralExpression => ParameterKind.String,
                    SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => ParameterKind.Boolean,
                    SyntaxKind.NumericLiteralExpression => literal.Token.Value switch
                    {
                        int => ParameterKind.Int32,
                        long or uint or ulong => ParameterKind.Int64,
                        double => ParameterKind.Double,
                        float => ParameterKind.Single,
                        decimal => ParameterKind.Decimal,
                        _ => null,
                    },
                    _ => null,
                }, false);
            case InterpolatedStringExpressionSyntax:
                return (ParameterKind.String, false);
            case CastExpressionSyntax cast:
                return FromType(cast.Type);
            case ObjectCreationExpressionSyntax creation:
                return FromType(creation.Type);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                return (FactoryKind(access), false);
            case MemberAccessExpressionSyntax access when access.Name.Identifier.ValueText is "Now" or "Today" or "UtcNow" or "Zero" or "MinValue" or "MaxValue":
                return (OwnerKind(access.Expression), false);
            default:
                return (null, false);
        }
    }

    private static ParameterKind? FactoryKind(MemberAccessExpressionSyntax access)
    {
        var owner = OwnerKind(access.Expression);
        var method = access.Name.Identifier.ValueText;
        return owner switch
        {
            ParameterKind.DateTime or ParameterKind.DateOnly when method.StartsWith("Parse", StringComparison.Ordinal) || method.StartsWith("From", StringComparison.Ordinal) => owner,
            ParameterKind.TimeSpan when method.StartsWith("From", StringComparison.Ordinal) || method.StartsWith("Parse", StringComparison.Ordinal) => owner,
            ParameterKind.Int32 or ParameterKind.Int64 or ParameterKind.Double or ParameterKind.Decimal or ParameterKind.Boolean when method == "Parse" => owner,
            _ => null,
        };
    }

    /// <summary>The type named by the left side of a member access (<c>DateTime</c>, <c>System.TimeSpan</c>, <c>int</c>).</summary>
    private static ParameterKind? OwnerKind(ExpressionSyntax expression) => expression switch
    {
        PredefinedTypeSyntax predefined => FromType(predefined).Kind,
        IdentifierNameSyntax identifier => FromTypeName(identifier.Identifier.ValueText),
        MemberAccessExpressionSyntax member => FromTypeName(member.Name.Identifier.ValueText),
        _ => null,
    };
}
