using System.Text.Json;
using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Magics;

/// <summary>
/// Where <c>#!share --from KERNEL</c> and <c>#!set --value @KERNEL:NAME</c> get a value: the <c>value</c> store, or the
/// C# session itself (by reference: the same object). Any other kernel is not here; the message says so.
/// </summary>
internal static class ValueSources
{
    /// <summary>
    /// An <c>@</c> expression: <c>@input:prompt</c> / <c>@password:prompt</c> (the prompt as text or as a JSON object with a
    /// <c>prompt</c>) ask the user; <c>@KERNEL:NAME</c> gets a value (<see cref="Get"/>). Null for anything else (a literal).
    /// </summary>
    public static (object? Value, Type Type)? Resolve(IMagicContext context, MagicLine line, string expression, string name, string? mimeType)
    {
        if (!expression.StartsWith('@') || expression.IndexOf(':', StringComparison.Ordinal) is not (> 1 and var colon))
        {
            return null;
        }

        var source = expression[1..colon];
        var rest = expression[(colon + 1)..];
        if (source is "input" or "password")
        {
            return (context.ReadInput(Prompt(rest, name), source == "password"), typeof(string));
        }

        return Get(context, line, source, rest, mimeType);
    }

    private static string Prompt(string text, string name)
    {
        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String)
                {
                    return prompt.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the text is the prompt.
            }
        }

        return text.Length == 0 ? name : text;
    }

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
