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

/// <summary>The quick answer on a bare name: keywords, the session's and the edited cell's declarations, imported types; and what a cell would see.</summary>
internal static partial class QuickCompletion
{
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
