using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Barometer.Kernel.Language;

/// <summary>
/// Completion without Roslyn's completion service, for the requests that come while it is still loading (in a fresh
/// process, composing Roslyn's features and building the symbols of the documented references takes seconds; a
/// front end sends its first <c>complete_request</c> at once). It needs only the parser and reflection over the
/// runtime's loaded assemblies: after a dot, the static members of a type the cell can name (<c>Math.Sq</c>,
/// <c>System.IO.File.Re</c>, <c>string.Jo</c>) or the instance members (and extension methods of the imported
/// namespaces) of a session variable of known type (<c>xs.Cou</c>, <c>data.Rows.</c>); a bare name (<c>Con</c>)
/// gets the keywords Roslyn offers at the start of a statement, the session's variables, methods and types, the
/// notebook globals and statically imported members, and the types of the imported namespaces in loaded
/// assemblies. It answers only when it can name the context; anything else (a namespace, an invocation, generics,
/// an alias, a type the cells declared, a string or a comment) is left to the full service (<see langword="null"/>).
/// The reply has the shape of the full one: the same ranking (<see cref="CodeCompletion.Shape"/>'s), span and kinds.
/// </summary>
internal static partial class QuickCompletion
{
    /// <summary>The keywords Roslyn's completion offers at the start of a statement of a script (C# 14).</summary>
    private static readonly string[] StatementKeywords =
    [
        "abstract", "async", "await", "bool", "byte", "char", "checked", "class", "const", "decimal", "default", "delegate",
        "do", "double", "dynamic", "enum", "event", "extern", "false", "file", "float", "for", "foreach", "from", "global",
        "goto", "if", "int", "interface", "internal", "lock", "long", "nameof", "new", "nint", "nuint", "null", "object",
        "partial", "private", "public", "readonly", "record", "ref", "sbyte", "scoped", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "var", "void", "volatile", "while",
    ];

    private static readonly Dictionary<SyntaxKind, Type> PredefinedTypes = new()
    {
        [SyntaxKind.BoolKeyword] = typeof(bool),
        [SyntaxKind.ByteKeyword] = typeof(byte),
        [SyntaxKind.SByteKeyword] = typeof(sbyte),
        [SyntaxKind.CharKeyword] = typeof(char),
        [SyntaxKind.DecimalKeyword] = typeof(decimal),
        [SyntaxKind.DoubleKeyword] = typeof(double),
        [SyntaxKind.FloatKeyword] = typeof(float),
        [SyntaxKind.IntKeyword] = typeof(int),
        [SyntaxKind.UIntKeyword] = typeof(uint),
        [SyntaxKind.LongKeyword] = typeof(long),
        [SyntaxKind.ULongKeyword] = typeof(ulong),
        [SyntaxKind.ShortKeyword] = typeof(short),
        [SyntaxKind.UShortKeyword] = typeof(ushort),
        [SyntaxKind.ObjectKeyword] = typeof(object),
        [SyntaxKind.StringKeyword] = typeof(string),
    };

    /// <summary>Characters that start a string, character, comment, directive or verbatim identifier.</summary>
    private static readonly System.Buffers.SearchValues<char> NotPlainCode = System.Buffers.SearchValues.Create("\"'/#@$\\`");

    private static readonly CSharpParseOptions ScriptParse = new(ScriptEnvironment.DefaultLanguageVersion, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>Public types of one loaded assembly, by namespace (built once per assembly).</summary>
    private static readonly ConditionalWeakTable<Assembly, Dictionary<string, List<Type>>> TypesByNamespace = [];

    private static readonly ConcurrentDictionary<Type, bool> Hidden = new();

    /// <summary>The completion at <paramref name="position"/> (UTF-16) of <paramref name="code"/>, or null when only the full service can tell.</summary>
    public static CompletionResult? TryComplete(ScriptSession session, string code, int position)
    {
        try
        {
            return Complete(session, code, position);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // e.g. an assembly that cannot be reflected over: the full service answers
        }
    }

    private static CompletionResult? Complete(ScriptSession session, string code, int position)
    {
        var wordStart = CodeCompletion.WordStart(code, position);
        var wordEnd = position;
        while (wordEnd < code.Length && (char.IsLetterOrDigit(code[wordEnd]) || code[wordEnd] == '_'))
        {
            wordEnd++;
        }

        if (wordStart < position && char.IsDigit(code[wordStart]))
        {
            return null; // a number
        }

        if (LexicalMemberAccess(code, wordStart) is { } chain)
        {
            var members = MembersOf(chain, new Context(session, []));
            return members is null ? null : Shape(members, code, wordStart, wordEnd, position);
        }

        var root = CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot();
        SyntaxToken previous;
        SyntaxToken word = default;
        if (wordStart < wordEnd)
        {
            word = root.FindToken(wordStart);
            if (word.SpanStart != wordStart || word.Span.End != wordEnd || !(word.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsKeywordKind(word.Kind())))
            {
                return null; // inside a comment, a string or a directive, or a verbatim identifier
            }

            previous = word.GetPreviousToken();
        }
        else
        {
            previous = position == 0 ? default : root.FindToken(position - 1);
            if (!previous.IsKind(SyntaxKind.DotToken) || previous.Span.End != position)
            {
                return null; // an empty name outside a member access: every symbol in scope, the full service's work
            }
        }

        var context = new Context(session, EditedDeclarations(root, wordStart));
        List<Candidate>? candidates;
        if (previous.IsKind(SyntaxKind.DotToken) && previous.Span.End == wordStart)
        {
            var target = previous.Parent switch
            {
                MemberAccessExpressionSyntax access when access.OperatorToken == previous => access.Expression,
                QualifiedNameSyntax qualified when qualified.DotToken == previous => qualified.Left,
                _ => null,
            };
            candidates = target is null ? null : MembersOf(target, context);
        }
        else if (word.Parent is IdentifierNameSyntax name && IsExpressionOrStatementStart(name, previous))
        {
            candidates = InScope(context, code[wordStart..position]);
        }
        else
        {
            candidates = null;
        }

        return candidates is null ? null : Shape(candidates, code, wordStart, wordEnd, position);
    }

    /// <summary>
    /// The common first request without the parser (whose first use costs tens of milliseconds in a fresh process):
    /// the cursor's word right after a chain of plain identifiers and dots (<c>Math.Sq</c>, <c>x = DateTime.Now.Da</c>),
    /// in code with no string, character, comment, directive or verbatim identifier, whose first name appears nowhere
    /// else in the code (so the cell does not declare it) and is not preceded by a word (<c>new</c>, <c>using</c>, a
    /// type), a dot or <c>?</c>. Anything else goes to the parser.
    /// </summary>
    private static List<string>? LexicalMemberAccess(string code, int wordStart)
    {
        if (wordStart == 0 || code[wordStart - 1] != '.' || code.AsSpan().IndexOfAny(NotPlainCode) >= 0)
        {
            return null;
        }

        var segments = new List<string>();
        var end = wordStart - 1;
        int start;
        while (true)
        {
            start = end;
            while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_'))
            {
                start--;
            }

            if (start == end || char.IsDigit(code[start]))
            {
                return null; // `).`, `..`, a number
            }

            segments.Insert(0, code[start..end]);
            if (start > 0 && code[start - 1] == '.')
            {
                end = start - 1;
                continue;
            }

            break;
        }

        var before = start - 1;
        while (before >= 0 && char.IsWhiteSpace(code[before]))
        {
            before--;
        }

        if (before >= 0 && (char.IsLetterOrDigit(code[before]) || code[before] is '_' or '.' or '?' or '>' or ']' or ')'))
        {
            return null; // `new X.`, `using X.`, `a. X.`, `x?.`, generics, casts and calls: the parser tells
        }

        var first = segments[0];
        var occurrences = 0;
        for (var at = code.IndexOf(first, StringComparison.Ordinal); at >= 0; at = code.IndexOf(first, at + first.Length, StringComparison.Ordinal))
        {
            var whole = (at == 0 || !(char.IsLetterOrDigit(code[at - 1]) || code[at - 1] == '_')) &&
                (at + first.Length == code.Length || !(char.IsLetterOrDigit(code[at + first.Length]) || code[at + first.Length] == '_'));
            occurrences += whole ? 1 : 0;
        }

        return occurrences == 1 ? segments : null;
    }

    /// <summary>A name being referred to (not declared, not after <c>new</c>, <c>using</c> or <c>::</c>, where fewer things fit).</summary>
    private static bool IsExpressionOrStatementStart(IdentifierNameSyntax name, SyntaxToken previous) =>
        name.Parent is not (QualifiedNameSyntax or AliasQualifiedNameSyntax) && !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name) &&
        !previous.IsKind(SyntaxKind.NewKeyword) && !previous.IsKind(SyntaxKind.UsingKeyword) && !previous.IsKind(SyntaxKind.ColonColonToken) &&
        !previous.IsKind(SyntaxKind.DotToken) && !previous.IsKind(SyntaxKind.HashToken) && !previous.IsKind(SyntaxKind.GotoKeyword) &&
        name.Ancestors().All(a => a is not (UsingDirectiveSyntax or AttributeSyntax or BaseNamespaceDeclarationSyntax));

    private static CompletionResult Shape(List<Candidate> candidates, string code, int wordStart, int wordEnd, int position)
    {
        var typed = code[wordStart..position];
        var start = CodePoints.FromUtf16Index(code, wordStart);
        var end = CodePoints.FromUtf16Index(code, wordEnd);
        var matches = candidates
            .Select(c => (Candidate: c, Rank: Rank(c.Name, typed)))
            .Where(m => m.Rank < 3)
            .OrderBy(m => m.Rank)
            .ThenBy(m => m.Candidate.Sort, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Candidate.Name, StringComparer.Ordinal)
            .DistinctBy(m => m.Candidate.Name)
            .Take(CodeCompletion.MaxMatches)
            .ToList();
        var types = matches.Select(m => new CompletionMatch(start, end, m.Candidate.Name, m.Candidate.Kind)).ToList();
        return new CompletionResult(matches.Select(m => m.Candidate.Name).ToList(), start, end, types);
    }

    /// <summary>As <see cref="CodeCompletion"/> ranks: 0 same-case prefix, 1 any-case prefix, 2 contains (2+ characters typed), 3 no match.</summary>
    private static int Rank(string name, string typed) =>
        typed.Length == 0 || name.StartsWith(typed, StringComparison.Ordinal) ? 0
        : name.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 1
        : typed.Length > 1 && name.Contains(typed, StringComparison.OrdinalIgnoreCase) ? 2
        : 3;
}
