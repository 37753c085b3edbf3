using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Barometer.Architecture;

/// <summary>
/// Which namespaces (folders) of a compiled assembly use which: an edge A → B for every type of namespace A whose
/// signatures (base type, interfaces, fields, methods, properties, attributes) or method bodies (every type, method
/// and field token of its IL) name a type of namespace B of the same assembly. Nested and compiler-generated types
/// (closures, state machines) count for the namespace of their outermost declaring type; types outside
/// <c>rootNamespace</c> (the compiler's <c>&lt;PrivateImplementationDetails&gt;</c>, generated regexes) are left out.
/// Shared by the test projects of the kernel, the library and the CLI (linked, see their .csproj).
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    // namespace → namespace it uses → one example "Type → Type" that makes the edge.
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph() { }

    public IEnumerable<string> Namespaces => _edges.Keys;

    public IReadOnlyDictionary<string, string> Uses(string name) =>
        _edges.TryGetValue(name, out var used) ? used : new SortedDictionary<string, string>();

    /// <summary>Reads the graph of the assembly file <paramref name="path"/>.</summary>
    public static NamespaceGraph Read(string path, string rootNamespace)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var graph = new NamespaceGraph();
        var walker = new Walker(reader, pe);
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = walker.NamespaceOf(handle);
            if (!InRoot(from, rootNamespace))
            {
                continue;
            }
            if (!graph._edges.ContainsKey(from))
            {
                graph._edges[from] = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }
            foreach (var used in walker.TypesUsedBy(handle))
            {
                var to = walker.NamespaceOf(used);
                if (to != from && InRoot(to, rootNamespace))
                {
                    graph._edges[from].TryAdd(to, $"{walker.NameOf(handle)} uses {walker.NameOf(used)}");
                }
            }
        }
        return graph;
    }

    private static bool InRoot(string name, string root) => name == root || name.StartsWith(root + ".", StringComparison.Ordinal);

    /// <summary>
    /// Every cycle as its path (A → B → … → A) with the type that makes each step, one per strongly connected
    /// component of two or more namespaces (Tarjan's algorithm); an empty list when the namespaces form layers.
    /// </summary>
    public IReadOnlyList<string> Cycles()
    {
        var cycles = new List<string>();
        foreach (var component in StronglyConnectedComponents().Where(c => c.Count > 1))
        {
            var start = component.Min(StringComparer.Ordinal)!;
            var path = ShortestPathBack(start, component.ToHashSet());
            var steps = path.Zip(path.Skip(1), (a, b) => $"  {a} → {b}   ({_edges[a][b]})");
            var members = string.Join(", ", component.Order(StringComparer.Ordinal));
            cycles.Add($"{string.Join(" → ", path)}\n{string.Join("\n", steps)}\n  (the folders in cycles with each other: {members})");
        }
        return cycles;
    }

    private List<string> ShortestPathBack(string start, HashSet<string> within)
    {
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in Uses(node).Keys.Where(within.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = previous[at])
                    {
                        path.Insert(1, at);
                    }
                    path.Add(start);
                    return path;
                }
                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }
        throw new InvalidOperationException($"{start} is in a cycle but no path leads back to it");
    }

    private List<List<string>> StronglyConnectedComponents()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Uses(node).Keys)
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }
            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in _edges.Keys.ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return components;
    }

    /// <summary>Finds the type definitions of the assembly that a type definition names.</summary>
    private sealed class Walker(MetadataReader reader, PEReader pe)
    {
        private readonly Collector _collector = new();

        public string NamespaceOf(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            while (type.GetDeclaringType() is { IsNil: false } outer)
            {
                type = reader.GetTypeDefinition(outer);
            }
            return reader.GetString(type.Namespace);
        }

        public string NameOf(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            while (type.GetDeclaringType() is { IsNil: false } outer)
            {
                type = reader.GetTypeDefinition(outer);
                name = reader.GetString(type.Name) + "." + name;
            }
            return name;
        }

        public HashSet<TypeDefinitionHandle> TypesUsedBy(TypeDefinitionHandle handle)
        {
            var found = new HashSet<TypeDefinitionHandle>();
            var type = reader.GetTypeDefinition(handle);
            Add(found, type.BaseType);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                Add(found, reader.GetInterfaceImplementation(implementation).Interface);
            }
            AddAttributes(found, type.GetCustomAttributes());
            AddGenericParameters(found, type.GetGenericParameters());
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                found.UnionWith(field.DecodeSignature(_collector, null));
                AddAttributes(found, field.GetCustomAttributes());
            }
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                AddSignature(found, property.DecodeSignature(_collector, null));
                AddAttributes(found, property.GetCustomAttributes());
            }
            foreach (var eventHandle in type.GetEvents())
            {
                Add(found, reader.GetEventDefinition(eventHandle).Type);
            }
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                AddSignature(found, method.DecodeSignature(_collector, null));
                AddAttributes(found, method.GetCustomAttributes());
                AddGenericParameters(found, method.GetGenericParameters());
                foreach (var parameter in method.GetParameters())
                {
                    AddAttributes(found, reader.GetParameter(parameter).GetCustomAttributes());
                }
                if (method.RelativeVirtualAddress != 0)
                {
                    AddBody(found, pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
            return found;
        }

        private static void AddSignature(HashSet<TypeDefinitionHandle> found, MethodSignature<IEnumerable<TypeDefinitionHandle>> signature)
        {
            found.UnionWith(signature.ReturnType);
            foreach (var parameter in signature.ParameterTypes)
            {
                found.UnionWith(parameter);
            }
        }

        private void AddAttributes(HashSet<TypeDefinitionHandle> found, CustomAttributeHandleCollection attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(found, reader.GetCustomAttribute(attribute).Constructor);
            }
        }

        private void AddGenericParameters(HashSet<TypeDefinitionHandle> found, GenericParameterHandleCollection parameters)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in reader.GetGenericParameter(parameter).GetConstraints())
                {
                    Add(found, reader.GetGenericParameterConstraint(constraint).Type);
                }
            }
        }

        private void AddBody(HashSet<TypeDefinitionHandle> found, MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                var locals = reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_collector, null);
                foreach (var local in locals)
                {
                    found.UnionWith(local);
                }
            }
            foreach (var region in body.ExceptionRegions)
            {
                Add(found, region.CatchType);
            }
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = unchecked((short)(0xFE00 | il.ReadByte()));
                }
                switch (OperandTypes[value])
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        Add(found, MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.InlineSig:
                    case OperandType.InlineString:
                    case OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineNone:
                        break;
                    default:
                        throw new InvalidOperationException($"unknown operand type of IL opcode 0x{value:X}");
                }
            }
        }

        private void Add(HashSet<TypeDefinitionHandle> found, EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    found.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    found.UnionWith(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_collector, null));
                    break;
                case HandleKind.MethodDefinition:
                    found.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    found.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    Add(found, member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        AddSignature(found, member.DecodeMethodSignature(_collector, null));
                    }
                    else
                    {
                        found.UnionWith(member.DecodeFieldSignature(_collector, null));
                    }
                    break;
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Add(found, specification.Method);
                    foreach (var argument in specification.DecodeSignature(_collector, null))
                    {
                        found.UnionWith(argument);
                    }
                    break;
                default:
                    // TypeReference and the rest: types of other assemblies.
                    break;
            }
        }
    }

    /// <summary>Decodes a signature into the type definitions of this assembly that it names.</summary>
    private sealed class Collector : ISignatureTypeProvider<IEnumerable<TypeDefinitionHandle>, object?>
    {
        private static readonly IEnumerable<TypeDefinitionHandle> None = [];

        public IEnumerable<TypeDefinitionHandle> GetArrayType(IEnumerable<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;
        public IEnumerable<TypeDefinitionHandle> GetByReferenceType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
        public IEnumerable<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) =>
            signature.ParameterTypes.SelectMany(t => t).Concat(signature.ReturnType).ToList();
        public IEnumerable<TypeDefinitionHandle> GetGenericInstantiation(IEnumerable<TypeDefinitionHandle> genericType, ImmutableArray<IEnumerable<TypeDefinitionHandle>> typeArguments) =>
            genericType.Concat(typeArguments.SelectMany(t => t)).ToList();
        public IEnumerable<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;
        public IEnumerable<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;
        public IEnumerable<TypeDefinitionHandle> GetModifiedType(IEnumerable<TypeDefinitionHandle> modifier, IEnumerable<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;
        public IEnumerable<TypeDefinitionHandle> GetPinnedType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
        public IEnumerable<TypeDefinitionHandle> GetPointerType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
        public IEnumerable<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
        public IEnumerable<TypeDefinitionHandle> GetSZArrayType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
        public IEnumerable<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];
        public IEnumerable<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;
        public IEnumerable<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
