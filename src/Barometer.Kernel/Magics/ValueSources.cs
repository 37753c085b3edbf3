using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Magics;

/// <summary>
/// Where <c>#!share --from KERNEL</c> and <c>#!set --value @KERNEL:NAME</c> get a value: the <c>value</c> store, or the
/// C# session itself (by reference: the same object). Any other kernel is not here; the message says so.
/// </summary>
internal static class ValueSources
{
    public static (object? Value, Type Type) Get(IMagicContext context, MagicLine line, string kernel, string name, string? mimeType)
    {
        var canonical = KernelNames.Normalize(kernel);
        if (canonical == "value")
        {
            return SharedValue.From(context.Values.Get(name), name);
        }

        if (canonical != KernelNames.CSharp)
        {
            throw new MagicException($"{line.Name}: there is no '{kernel}' kernel to get '{name}' from: this kernel runs C# only; values come from 'value' (#!value cells) or 'csharp' (this session's variables)");
        }

        var variable = context.Variables.LastOrDefault(v => v.Name == name)
            ?? throw new MagicException($"{line.Name}: the C# session has no variable '{name}'");
        if (mimeType is null)
        {
            return (variable.Value, variable.Type);
        }

        var formatted = context.Formatters.Format(variable.Value);
        return formatted.TryGetValue(mimeType, out var text)
            ? SharedValue.From(new StoredValue(mimeType, text), name)
            : throw new MagicException($"{line.Name}: '{name}' cannot be shown as {mimeType} (it can be: {string.Join(", ", formatted.Keys)})");
    }
}
