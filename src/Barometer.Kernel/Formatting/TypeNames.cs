using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Barometer.Kernel.Formatting;

/// <summary>C#-style type names (<c>List&lt;Person&gt;</c>, <c>int[]</c>, <c>double?</c>) and type classification.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
        [typeof(string)] = "string",
        [typeof(object)] = "object",
    };

    public static string CSharpName(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return CSharpName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return CSharpName(underlying) + "?";
        }

        if (IsAnonymous(type))
        {
            return "(anonymous)";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (!type.IsGenericType)
        {
            return name;
        }

        var builder = new StringBuilder(name).Append('<');
        var arguments = type.GetGenericArguments();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(CSharpName(arguments[i]));
        }

        return builder.Append('>').ToString();
    }

    public static bool IsAnonymous(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), false) &&
        type.Name.Contains("AnonymousType", StringComparison.Ordinal);

    /// <summary>C# records (class or struct), recognised by their compiler-generated members.</summary>
    public static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", Type.EmptyTypes) is not null ||
        (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(StringBuilder)]) is not null);

    /// <summary>Values shown as one token: numbers, strings, dates, enums, …</summary>
    public static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) ||
               t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan) ||
               t == typeof(Guid) || t == typeof(Uri) || t == typeof(Version) || t == typeof(Half) ||
               t == typeof(Int128) || t == typeof(UInt128) || t == typeof(System.Numerics.BigInteger) ||
               t == typeof(System.Numerics.Complex) || typeof(Type).IsAssignableFrom(t) || typeof(IHtmlMarkup).IsAssignableFrom(t);
    }

    public static bool OverridesToString(Type type)
    {
        var method = type.GetMethod(nameof(ToString), Type.EmptyTypes);
        return method is not null && method.DeclaringType != typeof(object) && method.DeclaringType != typeof(ValueType);
    }
}
