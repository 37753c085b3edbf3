using System.Globalization;
using System.Text;
using Barometer.Kernel.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Barometer.Kernel.Language;

/// <summary>
/// Inspection of the code under the cursor: the symbol of the identifier at (or just before) the cursor with its
/// signature(s) and XML documentation; or, when the cursor is inside an argument list and not on a name
/// (<c>Math.Max(|</c>), signature help: every overload of the called method or constructor with its parameters'
/// documentation, and the argument the cursor is in.
/// </summary>
internal static class SymbolInspector
{
    /// <summary>Most overloads shown.</summary>
    public const int MaxSignatures = 12;

    private static readonly SymbolDisplayFormat MemberFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeVariance,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeContainingType |
                       SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeConstantValue,
        delegateStyle: SymbolDisplayDelegateStyle.NameAndSignature,
        extensionMethodStyle: SymbolDisplayExtensionMethodStyle.StaticMethod,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue |
                          SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis | SymbolDisplayParameterOptions.IncludeOptionalBrackets,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        localOptions: SymbolDisplayLocalOptions.IncludeType | SymbolDisplayLocalOptions.IncludeConstantValue,
        kindOptions: SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers |
                              SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    // Members of a cell (the script class "Submission#N") read as top-level functions and variables.
    private static readonly SymbolDisplayFormat ScriptMemberFormat = MemberFormat.RemoveMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType);

    public static async Task<InspectionResult> InspectAsync(Document document, int position, int detailLevel, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return InspectionResult.NotFound;
        }

        if (IdentifierAt(root, position) is { } token)
        {
            var symbols = SymbolsOf(model, token, cancellationToken);
            if (symbols.Count > 0)
            {
                return Render(symbols, detailLevel, "symbol", null);
            }
        }

        if (ArgumentListAt(root, position) is { } arguments && OverloadsOf(model, arguments, cancellationToken) is { Count: > 0 } overloads)
        {
            var active = ActiveArgument(arguments, position);
            return Render(overloads, detailLevel, "signature-help", active);
        }

        return InspectionResult.NotFound;
    }

    private static SyntaxToken? IdentifierAt(SyntaxNode root, int position)
    {
        foreach (var at in new[] { position, position - 1 })
        {
            if (at < 0 || at >= root.FullSpan.End)
            {
                continue;
            }

            var token = root.FindToken(at);
            if ((token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.BaseKeyword) || token.IsKind(SyntaxKind.ThisKeyword) || SyntaxFacts.IsPredefinedType(token.Kind())) &&
                token.Span.Start <= position && position <= token.Span.End)
            {
                return token;
            }
        }

        return null;
    }

    private static List<ISymbol> SymbolsOf(SemanticModel model, SyntaxToken token, CancellationToken cancellationToken)
    {
        var node = token.Parent!;
        if (model.GetDeclaredSymbol(node, cancellationToken) is { } declared)
        {
            return [declared];
        }

        var info = model.GetSymbolInfo(node, cancellationToken);
        if (info.Symbol is { } symbol)
        {
            return [symbol];
        }

        if (!info.CandidateSymbols.IsEmpty)
        {
            return [.. info.CandidateSymbols];
        }

        var group = model.GetMemberGroup(node, cancellationToken);
        if (!group.IsEmpty)
        {
            return [.. group];
        }

        return model.GetTypeInfo(node, cancellationToken).Type is { TypeKind: not TypeKind.Error } type ? [type] : [];
    }

    private static ArgumentListSyntax? ArgumentListAt(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Max(0, Math.Min(position, root.FullSpan.End) - 1));
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node is ArgumentListSyntax list && list.OpenParenToken.Span.End <= position &&
                (list.CloseParenToken.IsMissing || position <= list.CloseParenToken.SpanStart))
            {
                return list;
            }

            if (node is StatementSyntax or MemberDeclarationSyntax)
            {
                break;
            }
        }

        return null;
    }

    private static List<ISymbol> OverloadsOf(SemanticModel model, BaseArgumentListSyntax arguments, CancellationToken cancellationToken)
    {
        IEnumerable<ISymbol> symbols = arguments.Parent switch
        {
            InvocationExpressionSyntax invocation => model.GetMemberGroup(invocation.Expression, cancellationToken),
            BaseObjectCreationExpressionSyntax creation => model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol type
                ? type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public || SymbolEqualityComparer.Default.Equals(c.ContainingAssembly, model.Compilation.Assembly))
                : [],
            _ => [],
        };
        return symbols.Take(MaxSignatures).ToList();
    }

    private static int ActiveArgument(BaseArgumentListSyntax arguments, int position) =>
        arguments.Arguments.GetSeparators().Count(separator => separator.Span.End <= position);

    private static InspectionResult Render(IReadOnlyList<ISymbol> symbols, int detailLevel, string kind, int? activeParameter)
    {
        var plain = new StringBuilder();
        var markdown = new StringBuilder();
        var shown = symbols.Select(s => s is IAliasSymbol alias ? alias.Target : s).Distinct(SymbolEqualityComparer.Default).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var symbol = shown[i]!;
            if (i > 0)
            {
                plain.Append('\n');
                markdown.Append("\n---\n\n");
            }

            var signature = Signature(symbol);
            plain.Append(signature).Append('\n');
            markdown.Append("```csharp\n").Append(signature).Append("\n```\n");

            var xml = symbol.GetDocumentationCommentXml(CultureInfo.InvariantCulture, expandIncludes: true);
            AppendDocumentation(plain, DocumentationComment.Parse(xml, markdown: false), detailLevel, markdown: false, activeParameter, symbol);
            AppendDocumentation(markdown, DocumentationComment.Parse(xml, markdown: true), detailLevel, markdown: true, activeParameter, symbol);
        }

        var metadata = new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["symbol"] = shown[0]!.GetDocumentationCommentId(),
        };
        if (activeParameter is int active)
        {
            metadata["active_parameter"] = active;
        }

        var data = new MimeBundle { ["text/plain"] = plain.ToString().TrimEnd() + "\n", ["text/markdown"] = markdown.ToString().TrimEnd() + "\n" };
        return new InspectionResult(true, data, metadata);
    }

    private static void AppendDocumentation(StringBuilder builder, DocumentationComment doc, int detailLevel, bool markdown, int? activeParameter, ISymbol symbol)
    {
        if (doc.Summary.Length > 0)
        {
            builder.Append('\n').Append(doc.Summary).Append('\n');
        }

        var parameters = symbol is IMethodSymbol method ? method.Parameters : symbol is IPropertySymbol property ? property.Parameters : [];
        if (doc.Parameters.Count > 0)
        {
            builder.Append('\n').Append(markdown ? "**Parameters**\n" : "Parameters:\n");
            foreach (var (name, text) in doc.Parameters)
            {
                var index = parameters.IndexOf(parameters.FirstOrDefault(p => p.Name == name)!);
                var isActive = activeParameter is int a && index >= 0 && index == Math.Min(a, parameters.Length - 1);
                builder.Append(markdown ? $"- `{name}`{(isActive ? " ◀" : string.Empty)}: {text}\n" : $"  {name}{(isActive ? " (current)" : string.Empty)}: {text}\n");
            }
        }

        foreach (var (name, text) in doc.TypeParameters)
        {
            builder.Append(markdown ? $"- `<{name}>`: {text}\n" : $"  <{name}>: {text}\n");
        }

        if (doc.Returns.Length > 0)
        {
            builder.Append('\n').Append(markdown ? "**Returns**: " : "Returns: ").Append(doc.Returns).Append('\n');
        }

        if (detailLevel >= 1)
        {
            if (doc.Remarks.Length > 0)
            {
                builder.Append('\n').Append(markdown ? "**Remarks**\n\n" : "Remarks:\n").Append(doc.Remarks).Append('\n');
            }

            foreach (var (type, text) in doc.Exceptions)
            {
                builder.Append(markdown ? $"- throws `{type}`: {text}\n" : $"  Throws {type}: {text}\n");
            }

            if (symbol.ContainingAssembly is { } assembly && symbol.Kind != SymbolKind.Namespace)
            {
                builder.Append('\n').Append(markdown ? $"*Assembly*: `{assembly.Identity.Name}`\n" : $"Assembly: {assembly.Identity.Name}\n");
            }
        }
    }

    internal static string Signature(ISymbol symbol)
    {
        var format = symbol.ContainingType is { IsScriptClass: true } ? ScriptMemberFormat : MemberFormat;
        var text = symbol.ToDisplayString(format);
        return symbol switch
        {
            ILocalSymbol => "(local) " + text,
            IParameterSymbol => "(parameter) " + text,
            IFieldSymbol { ContainingType.IsScriptClass: true } => "(variable) " + text,
            _ => text,
        };
    }
}
