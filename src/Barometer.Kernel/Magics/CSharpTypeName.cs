using System.Text;

namespace Barometer.Kernel.Magics;

/// <summary>
/// How a variable's type is written in the declaration that brings a shared value into C#: <c>global::</c>-qualified,
/// generic arguments and arrays spelled out; a type declared in an earlier cell by its own name (cells see it so);
/// <c>object</c> for what C# cannot name (anonymous and non-public types), so the value is still there to cast.
/// </summary>
internal static class CSharpTypeName
{
    public static string Of(Type type) => TryWrite(type, out var name) ? name : "object";

    private static bool TryWrite(Type type, out string name)
    {
        name = string.Empty;
        if (type.IsArray)
        {
            if (!TryWrite(type.GetElementType()!, out var element))
            {
                return false;
            }

            name = element + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            return true;
        }

        if (type.IsPointer || type.IsByRef || type.IsGenericParameter || type.ContainsGenericParameters)
        {
            return false;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var ok = TryWrite(underlying, out var inner);
            name = inner + "?";
            return ok;
        }

        // Nesting chain, outermost first; a cell's own types are nested in its submission class (Submission#3).
        var chain = new List<Type>();
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }

        var fromCell = chain[0].Name.StartsWith("Submission#", StringComparison.Ordinal);
        if (fromCell)
        {
            chain.RemoveAt(0);
        }

        if (chain.Count == 0 || chain.Any(t => t.Name.Contains('<', StringComparison.Ordinal) || !(t.IsPublic || t.IsNestedPublic || fromCell)))
        {
            return false;
        }

        var builder = new StringBuilder();
        if (!fromCell)
        {
            builder.Append("global::");
            if (!string.IsNullOrEmpty(type.Namespace))
            {
                builder.Append(type.Namespace).Append('.');
            }
        }

        var arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        var used = 0;
        for (var i = 0; i < chain.Count; i++)
        {
            var part = chain[i].Name;
            var tick = part.IndexOf('`', StringComparison.Ordinal);
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(tick < 0 ? part : part[..tick]);
            if (tick >= 0)
            {
                var count = int.Parse(part[(tick + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                var names = new List<string>();
                foreach (var argument in arguments.Skip(used).Take(count))
                {
                    if (!TryWrite(argument, out var argumentName))
                    {
                        return false;
                    }

                    names.Add(argumentName);
                }

                used += count;
                builder.Append('<').Append(string.Join(", ", names)).Append('>');
            }
        }

        name = builder.ToString();
        return true;
    }
}
