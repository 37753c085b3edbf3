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

/// <summary>The quick answer after a dot: the members of a type the cell can name, or of a session variable.</summary>
internal static partial class QuickCompletion
{
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
}
