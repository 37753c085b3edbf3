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
internal static class QuickCompletion
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

    // ---- after a dot ----

    private static List<Candidate>? MembersOf(ExpressionSyntax target, Context context)
    {
        if (target is PredefinedTypeSyntax predefined)
        {
            return PredefinedTypes.TryGetValue(predefined.Keyword.Kind(), out var keywordType) ? StaticMembers(keywordType) : null;
        }

        return Segments(target) is { } segments ? MembersOf(segments, context) : null;
    }

    private static List<Candidate>? MembersOf(List<string> segments, Context context)
    {
        if (segments.Count == 1 && PredefinedTypes.TryGetValue(SyntaxFacts.GetKeywordKind(segments[0]), out var predefined))
        {
            return StaticMembers(predefined);
        }

        if (segments.Any(s => SyntaxFacts.GetKeywordKind(s) != SyntaxKind.None))
        {
            return null;
        }

        if (context.Edited.Any(c => c.Name == segments[0]))
        {
            return null; // declared in the code being edited: its type needs the compiler
        }

        // A variable of the session (or a member of the notebook globals), then properties and fields of its type.
        Type? instance = context.VariableType(segments[0]);
        if (instance is null && context.DeclaredByCells(segments[0]))
        {
            return null; // a type or method the cells declared: the full service knows it
        }

        if (instance is null && typeof(NotebookGlobals).GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance) is { } global)
        {
            instance = global.PropertyType;
        }

        if (instance is not null)
        {
            foreach (var member in segments.Skip(1))
            {
                instance = InstanceMemberType(instance, member);
                if (instance is null)
                {
                    return null;
                }
            }

            return InstanceMembers(instance, context);
        }

        // A type: named as the cell would (an imported namespace, or fully qualified), then nested types, or a static
        // property or field and the instance members of its type.
        for (var split = segments.Count; split > 0; split--)
        {
            if (context.FindType(string.Join('.', segments.Take(split))) is not { } type)
            {
                continue;
            }

            Type? value = null;
            foreach (var member in segments.Skip(split))
            {
                if (value is not null)
                {
                    value = InstanceMemberType(value, member);
                }
                else if (type.GetNestedType(member, BindingFlags.Public) is { IsGenericTypeDefinition: false } nested)
                {
                    type = nested;
                    continue;
                }
                else
                {
                    value = StaticMemberType(type, member);
                }

                if (value is null)
                {
                    return null;
                }
            }

            return value is not null ? InstanceMembers(value, context) : StaticMembers(type);
        }

        return null; // a namespace, or a name reflection cannot see
    }

    private static List<string>? Segments(ExpressionSyntax expression)
    {
        var segments = new List<string>();
        while (true)
        {
            switch (expression)
            {
                case IdentifierNameSyntax identifier when !identifier.Identifier.Text.StartsWith('@'):
                    segments.Insert(0, identifier.Identifier.ValueText);
                    return segments;
                case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax name } access:
                    segments.Insert(0, name.Identifier.ValueText);
                    expression = access.Expression;
                    break;
                case QualifiedNameSyntax { Right: IdentifierNameSyntax right } qualified:
                    segments.Insert(0, right.Identifier.ValueText);
                    expression = qualified.Left;
                    break;
                default:
                    return null;
            }
        }
    }

    private static Type? InstanceMemberType(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.FlattenHierarchy;
        var property = type.GetProperties(flags).Where(p => p.Name == name && p.GetIndexParameters().Length == 0).ToList();
        if (property.Count == 1)
        {
            return Usable(property[0].PropertyType);
        }

        return property.Count == 0 && type.GetField(name, flags) is { } field ? Usable(field.FieldType) : null;
    }

    private static Type? StaticMemberType(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        var property = type.GetProperties(flags).Where(p => p.Name == name && p.GetIndexParameters().Length == 0).ToList();
        if (property.Count == 1)
        {
            return Usable(property[0].PropertyType);
        }

        return property.Count == 0 && type.GetField(name, flags) is { } field ? Usable(field.FieldType) : null;
    }

    /// <summary>A member's declared type, unless it is open (a generic parameter) or by reference.</summary>
    private static Type? Usable(Type type) => type.ContainsGenericParameters || type.IsByRef || type.IsPointer ? null : type;

    private static List<Candidate> StaticMembers(Type type)
    {
        var candidates = new List<Candidate>();
        if (type.IsEnum)
        {
            // Only the values, as C# offers them (not System.Enum's static methods).
            AddMembers(candidates, type.GetFields(BindingFlags.Public | BindingFlags.Static), isEnum: true);
            return candidates;
        }

        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        AddMembers(candidates, type.GetMembers(flags), isEnum: false);
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public))
        {
            if (!IsHidden(nested))
            {
                candidates.Add(new Candidate(TypeName(nested), TypeKind(nested)));
            }
        }

        // object's static Equals and ReferenceEquals, which C# offers on every type (FlattenHierarchy skips object's).
        if (!type.IsInterface)
        {
            AddMembers(candidates, typeof(object).GetMethods(BindingFlags.Public | BindingFlags.Static), isEnum: false);
        }

        return candidates;
    }

    private static List<Candidate> InstanceMembers(Type type, Context context)
    {
        var candidates = new List<Candidate>();
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        var types = new List<Type> { type };
        if (type.IsInterface)
        {
            types.AddRange(type.GetInterfaces());
            types.Add(typeof(object));
        }

        foreach (var t in types)
        {
            AddMembers(candidates, t.GetMembers(flags | BindingFlags.FlattenHierarchy), isEnum: false);
            if (t.GetProperties(flags).Any(p => p.GetIndexParameters().Length > 0))
            {
                candidates.Add(new Candidate("this", "property")); // an indexer, as Roslyn lists it
            }
        }

        var declared = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.IsSpecialName).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Operators.Length; i++)
        {
            var (method, symbol) = (Operators[i][..Operators[i].IndexOf(':', StringComparison.Ordinal)], Operators[i][(Operators[i].IndexOf(':', StringComparison.Ordinal) + 1)..]);
            if (declared.Contains(method))
            {
                candidates.Add(new Candidate(symbol, "operator", "\uFFFD" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        foreach (var method in context.ExtensionMethods())
        {
            if (ExtendsType(method, type))
            {
                candidates.Add(new Candidate(method.Name, "method"));
            }
        }

        return candidates;
    }

    private static void AddMembers(List<Candidate> candidates, MemberInfo[] members, bool isEnum)
    {
        foreach (var member in members)
        {
            var kind = member switch
            {
                MethodInfo method when !method.IsSpecialName => "method",
                PropertyInfo property when property.GetIndexParameters().Length == 0 => "property",
                FieldInfo field when !field.IsSpecialName => isEnum ? "enum member" : field.IsLiteral ? "constant" : "field",
                EventInfo => "event",
                _ => null,
            };
            if (kind is not null && IsNameable(member.Name) && !IsNeverBrowsable(member))
            {
                candidates.Add(new Candidate(member.Name, kind));
            }
        }
    }

    private static bool IsNameable(string name) => name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static bool IsNeverBrowsable(MemberInfo member) =>
        member.CustomAttributes.Any(a => a.AttributeType == typeof(EditorBrowsableAttribute) &&
            a.ConstructorArguments is [{ Value: int state }] && state == (int)EditorBrowsableState.Never);

    private static bool IsHidden(Type type) => Hidden.GetOrAdd(type, t => !IsNameable(TypeName(t)) || IsNeverBrowsable(t));

    /// <summary>Whether <paramref name="method"/>'s <c>this</c> parameter accepts a <paramref name="type"/> (generic parameters accept anything).</summary>
    private static bool ExtendsType(MethodInfo method, Type type)
    {
        var parameters = method.GetParameters();
        if (parameters.Length == 0)
        {
            return false;
        }

        var target = parameters[0].ParameterType;
        if (target.IsByRef)
        {
            target = target.GetElementType()!;
        }

        if (target.IsGenericParameter)
        {
            return true;
        }

        if (!target.ContainsGenericParameters)
        {
            // C# 14's implicit span conversion: a string is also a ReadOnlySpan<char> receiver.
            return target.IsAssignableFrom(type) || type == typeof(string) && target == typeof(ReadOnlySpan<char>);
        }

        if (!target.IsGenericType)
        {
            return false; // e.g. T[] against a non-array: left out
        }

        var definition = target.GetGenericTypeDefinition();
        return SelfAndAncestors(type).Any(t => t.IsGenericType && t.GetGenericTypeDefinition() == definition);
    }

    private static IEnumerable<Type> SelfAndAncestors(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            yield return t;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }
    }

    // ---- a bare name ----

    private static List<Candidate> InScope(Context context, string typed)
    {
        var candidates = StatementKeywords.Select(k => new Candidate(k, "keyword")).ToList();
        candidates.AddRange(context.Edited);
        candidates.AddRange(context.CellMembers());
        AddMembers(candidates, typeof(NotebookGlobals).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.FlattenHierarchy), isEnum: false);
        foreach (var import in context.Imports)
        {
            if (context.FindType(import) is { } staticImport)
            {
                AddMembers(candidates, staticImport.GetMembers(BindingFlags.Public | BindingFlags.Static), isEnum: false);
                continue;
            }

            foreach (var type in context.TypesIn(import))
            {
                if (Rank(TypeName(type), typed) < 3 && !IsHidden(type))
                {
                    candidates.Add(new Candidate(TypeName(type), TypeKind(type)));
                }
            }
        }

        foreach (var ns in context.TopLevelNamespaces())
        {
            candidates.Add(new Candidate(ns, "namespace"));
        }

        return candidates;
    }

    /// <summary>
    /// Names the code being edited declares before <paramref name="position"/>: top-level variables (fields of the
    /// submission, as Roslyn shows them), locals, parameters, methods and types.
    /// </summary>
    private static List<Candidate> EditedDeclarations(SyntaxNode root, int position)
    {
        var names = new List<Candidate>();
        foreach (var node in root.DescendantNodes(n => n.SpanStart < position))
        {
            if (node.SpanStart >= position)
            {
                continue;
            }

            var candidate = node switch
            {
                VariableDeclaratorSyntax declarator => new Candidate(declarator.Identifier.ValueText,
                    declarator.Ancestors().Any(a => a is BlockSyntax or LambdaExpressionSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax) ? "local" : "field"),
                SingleVariableDesignationSyntax designation => new Candidate(designation.Identifier.ValueText, "local"),
                ForEachStatementSyntax forEach => new Candidate(forEach.Identifier.ValueText, "local"),
                ParameterSyntax parameter => new Candidate(parameter.Identifier.ValueText, "parameter"),
                MethodDeclarationSyntax method => new Candidate(method.Identifier.ValueText, "method"),
                LocalFunctionStatementSyntax function => new Candidate(function.Identifier.ValueText, "method"),
                InterfaceDeclarationSyntax type => new Candidate(type.Identifier.ValueText, "interface"),
                StructDeclarationSyntax type => new Candidate(type.Identifier.ValueText, "struct"),
                RecordDeclarationSyntax type => new Candidate(type.Identifier.ValueText, type.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "struct" : "class"),
                BaseTypeDeclarationSyntax type => new Candidate(type.Identifier.ValueText, type is EnumDeclarationSyntax ? "enum" : "class"),
                DelegateDeclarationSyntax type => new Candidate(type.Identifier.ValueText, "delegate"),
                _ => null,
            };
            if (candidate is { Name.Length: > 0 })
            {
                names.Add(candidate);
            }
        }

        return names;
    }

    private static string TypeName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    private static string TypeKind(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsValueType ? "struct"
        : "class";

    private sealed record Candidate(string Name, string Kind, string? SortText = null)
    {
        public string Sort => SortText ?? Name;
    }

    /// <summary>User-defined operators as Roslyn offers them after a dot on a value, in its order, after every named member.</summary>
    private static readonly string[] Operators =
    [
        "op_Equality:==", "op_Inequality:!=", "op_GreaterThan:>", "op_GreaterThanOrEqual:>=", "op_LessThan:<", "op_LessThanOrEqual:<=",
        "op_Addition:+", "op_Subtraction:-", "op_Multiply:*", "op_Division:/", "op_Modulus:%", "op_BitwiseAnd:&", "op_BitwiseOr:|",
        "op_ExclusiveOr:^", "op_LeftShift:<<", "op_RightShift:>>", "op_UnsignedRightShift:>>>", "op_LogicalNot:!", "op_OnesComplement:~",
        "op_Increment:++", "op_Decrement:--",
    ];

    /// <summary>What a cell would see: the session's variables and declarations, imports, and the assemblies it references.</summary>
    private sealed class Context(ScriptSession session, List<Candidate> edited)
    {
        /// <summary>What the code being edited declares before the cursor.</summary>
        public List<Candidate> Edited => edited;

        private readonly Microsoft.CodeAnalysis.Scripting.ScriptState<object>? _state = session.CurrentState;
        private List<Assembly>? _assemblies;
        private List<string>? _imports;
        private List<MethodInfo>? _extensions;

        /// <summary>The imported namespaces (and statically imported types): the session's defaults and every cell's <c>using</c>.</summary>
        public List<string> Imports => _imports ??= ComputeImports();

        public Type? VariableType(string name) =>
            _state?.Variables.LastOrDefault(v => v.Name == name) is { } variable ? Usable(variable.Type) : null;

        /// <summary>Whether a cell declared a method, type or alias of that name (which shadows or hides what reflection finds).</summary>
        public bool DeclaredByCells(string name) =>
            CellMembers().Any(c => c.Name == name && c.Kind != "field") || Aliases().Contains(name);

        public IEnumerable<Candidate> CellMembers()
        {
            for (var script = _state?.Script; script is not null; script = script.Previous)
            {
                if (script.GetCompilation().ScriptClass is not { } scriptClass)
                {
                    continue;
                }

                foreach (var member in scriptClass.GetMembers())
                {
                    if (member.CanBeReferencedByName && !member.IsImplicitlyDeclared)
                    {
                        yield return new Candidate(member.Name, member switch
                        {
                            IFieldSymbol => "field",
                            IPropertySymbol => "property",
                            IMethodSymbol => "method",
                            INamedTypeSymbol { TypeKind: Microsoft.CodeAnalysis.TypeKind.Interface } => "interface",
                            INamedTypeSymbol { TypeKind: Microsoft.CodeAnalysis.TypeKind.Enum } => "enum",
                            INamedTypeSymbol { TypeKind: Microsoft.CodeAnalysis.TypeKind.Struct } => "struct",
                            INamedTypeSymbol { TypeKind: Microsoft.CodeAnalysis.TypeKind.Delegate } => "delegate",
                            INamedTypeSymbol => "class",
                            _ => "text",
                        });
                    }
                }
            }
        }

        private IEnumerable<string> Aliases()
        {
            for (var script = _state?.Script; script is not null; script = script.Previous)
            {
                foreach (var tree in script.GetCompilation().SyntaxTrees)
                {
                    foreach (var directive in tree.GetCompilationUnitRoot().Usings)
                    {
                        if (directive.Alias is { } alias)
                        {
                            yield return alias.Name.Identifier.ValueText;
                        }
                    }
                }
            }
        }

        private List<string> ComputeImports()
        {
            var imports = new List<string>(session.NextCellOptions.Imports);
            for (var script = _state?.Script; script is not null; script = script.Previous)
            {
                foreach (var tree in script.GetCompilation().SyntaxTrees)
                {
                    foreach (var directive in tree.GetCompilationUnitRoot().Usings)
                    {
                        if (directive.Alias is null && directive.Name is { } name)
                        {
                            imports.Add(name.ToString().Replace("global::", string.Empty, StringComparison.Ordinal));
                        }
                    }
                }
            }

            return imports.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// The loaded assemblies a cell compiles against: those named by the session's references (the framework's
        /// <c>System.Runtime</c> is <c>System.Private.CoreLib</c> at run time), <c>#r</c> and package assemblies.
        /// </summary>
        private List<Assembly> Assemblies()
        {
            if (_assemblies is not null)
            {
                return _assemblies;
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { typeof(object).Assembly.GetName().Name!, typeof(NotebookGlobals).Assembly.GetName().Name! };
            foreach (var reference in session.NextCellOptions.MetadataReferences)
            {
                if (reference is PortableExecutableReference { FilePath: { } path })
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }

            return _assemblies = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && a.GetName().Name is { } name && names.Contains(name))
                .DistinctBy(a => a.GetName().Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        /// <summary>The type a cell names <paramref name="name"/> (dotted, no generics), if exactly one import or the global namespace gives one.</summary>
        public Type? FindType(string name)
        {
            // A lookup by full name in each referenced assembly: no listing of types, which a first request cannot afford.
            var found = new HashSet<Type>();
            foreach (var qualifier in Imports.Prepend(string.Empty))
            {
                var full = qualifier.Length == 0 ? name : qualifier + "." + name;
                foreach (var assembly in Assemblies())
                {
                    if (assembly.GetType(full, throwOnError: false) is { IsPublic: true } type && !IsHidden(type))
                    {
                        found.Add(type);
                    }
                }
            }

            return found.Count == 1 ? found.First() : null;
        }

        /// <summary>Public top-level types of namespace <paramref name="ns"/> in the referenced loaded assemblies.</summary>
        public IEnumerable<Type> TypesIn(string ns)
        {
            foreach (var assembly in Assemblies())
            {
                if (ByNamespace(assembly).TryGetValue(ns, out var types))
                {
                    foreach (var type in types)
                    {
                        yield return type;
                    }
                }
            }
        }

        public IEnumerable<string> TopLevelNamespaces() =>
            Assemblies().SelectMany(a => ByNamespace(a).Keys).Where(ns => ns.Length > 0).Select(ns => ns.Split('.')[0])
                .Where(ns => ns != "Internal") // CoreLib's own, not in the reference assemblies
                .Distinct(StringComparer.Ordinal);

        /// <summary>Extension methods of the static classes in the imported namespaces.</summary>
        public List<MethodInfo> ExtensionMethods()
        {
            if (_extensions is not null)
            {
                return _extensions;
            }

            _extensions = [];
            foreach (var import in Imports)
            {
                foreach (var type in TypesIn(import))
                {
                    if (type.IsAbstract && type.IsSealed && !type.IsGenericType)
                    {
                        _extensions.AddRange(type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                            .Where(m => m.IsDefined(typeof(ExtensionAttribute), false) && !IsNeverBrowsable(m)));
                    }
                }
            }

            return _extensions;
        }

        private static Dictionary<string, List<Type>> ByNamespace(Assembly assembly) =>
            TypesByNamespace.GetValue(assembly, a =>
            {
                Type[] types;
                try
                {
                    types = a.GetExportedTypes();
                }
                catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or NotSupportedException)
                {
                    types = [];
                }

                return types
                    .Where(t => !t.IsNested)
                    .GroupBy(t => t.Namespace ?? string.Empty, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            });
    }
}
