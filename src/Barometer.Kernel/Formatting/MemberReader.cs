using System.Collections.Concurrent;
using System.Reflection;

namespace Barometer.Kernel.Formatting;

/// <summary>Public instance properties (readable, not indexed) and public fields of a type, in declaration order.</summary>
internal static class MemberReader
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<MemberInfo>> Cache = new();

    public static IReadOnlyList<MemberInfo> MembersOf(Type type) => Cache.GetOrAdd(type, static t =>
    {
        var members = new List<MemberInfo>();
        foreach (var property in t.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true })
            {
                members.Add(property);
            }
        }

        members.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public));
        return members;
    });

    public static object? Read(MemberInfo member, object instance)
    {
        try
        {
            return member switch
            {
                PropertyInfo p => p.GetValue(instance),
                FieldInfo f => f.GetValue(instance),
                _ => null,
            };
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return new MemberReadError(ex.InnerException);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new MemberReadError(ex);
        }
    }

    /// <summary>Stands for a property whose getter threw.</summary>
    internal sealed record MemberReadError(Exception Exception)
    {
        public override string ToString() => $"({Exception.GetType().Name}: {Exception.Message})";
    }
}
