using System.Text;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Magics;

/// <summary>
/// <c>#!who</c> lists the names of the session's variables; <c>#!whos</c> (<paramref name="detailed"/>) shows them as a
/// table of name, type and value (the value as <c>display(...)</c> shows it as text), as .NET Interactive does.
/// </summary>
internal sealed class WhoMagic(bool detailed) : IMagicCommand
{
    public string Name => detailed ? "#!whos" : "#!who";

    public string Usage => Name;

    public string Description => detailed
        ? "Show the session's variables with their types and values."
        : "List the names of the session's variables.";

    public void Check(MagicLine line) => MagicArguments.None(line);

    public Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var variables = context.Variables;
        if (!detailed)
        {
            var names = variables.Select(v => v.Name).ToList();
            context.Display(new MimeBundle
            {
                [MimeTypes.Html] = "<div>" + string.Concat(names.Select(n => HtmlText.Encode(n) + "\t ")) + "</div>",
                [MimeTypes.PlainText] = names.Count == 0 ? "(no variables)" : string.Join('\t', names),
            });
            return Task.CompletedTask;
        }

        var html = new StringBuilder("<table><thead><tr><th>Variable</th><th>Type</th><th>Value</th></tr></thead><tbody>");
        var text = new StringBuilder();
        var rows = variables.Select(v => (v.Name, Type: TypeName(v.Value?.GetType() ?? v.Type), Value: ValueText(context, v.Value))).ToList();
        var nameWidth = rows.Select(r => r.Name.Length).Append("Variable".Length).Max();
        var typeWidth = rows.Select(r => r.Type.Length).Append("Type".Length).Max();
        text.Append("Variable".PadRight(nameWidth)).Append("  ").Append("Type".PadRight(typeWidth)).Append("  Value\n");
        foreach (var (name, type, value) in rows)
        {
            html.Append("<tr><td>").Append(HtmlText.Encode(name)).Append("</td><td>").Append(HtmlText.Encode(type))
                .Append("</td><td><div class=\"dni-plaintext\"><pre>").Append(HtmlText.Encode(value)).Append("</pre></div></td></tr>");
            text.Append(name.PadRight(nameWidth)).Append("  ").Append(type.PadRight(typeWidth)).Append("  ").Append(value.ReplaceLineEndings(" ")).Append('\n');
        }

        html.Append("</tbody></table>");
        context.Display(new MimeBundle { [MimeTypes.Html] = html.ToString(), [MimeTypes.PlainText] = text.ToString().TrimEnd('\n') });
        return Task.CompletedTask;
    }

    /// <summary>The type as .NET Interactive shows it: namespace-qualified .NET names (<c>System.Int32</c>), generic arguments in angle brackets.</summary>
    internal static string TypeName(Type type)
    {
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        var name = type.IsNested && type.DeclaringType!.Name.StartsWith("Submission#", StringComparison.Ordinal)
            ? type.Name
            : type.IsNested ? TypeName(type.DeclaringType!) + "." + type.Name : (type.Namespace is { Length: > 0 } ns ? ns + "." : string.Empty) + type.Name;
        var tick = name.LastIndexOf('`');
        if (!type.IsGenericType || tick < 0)
        {
            return name;
        }

        return name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }

    private static string ValueText(IMagicContext context, object? value)
    {
        try
        {
            return context.Formatters.ToPlainText(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"(cannot be shown: {e.GetType().Name})";
        }
    }
}
