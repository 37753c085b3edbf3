using System.Text;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Magics;

/// <summary>
/// <c>#!lsmagic</c>: lists the magic commands and kernel lines this kernel supports, with how to write each and what it
/// does: as HTML (the layout .NET Interactive uses: a heading per kernel, each name in purple over its description)
/// and as plain text.
/// </summary>
internal sealed class LsMagic : IMagicCommand
{
    public string Name => "#!lsmagic";

    public string Usage => "#!lsmagic";

    public string Description => "List the magic commands and kernel lines this kernel supports.";

    public void Check(MagicLine line) => MagicArguments.None(line);

    public Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var commands = MagicRegistry.All.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var html = new StringBuilder("<div><h3>csharp kernel</h3><div>");
        var text = new StringBuilder("csharp kernel: magic commands and kernel lines\n");
        foreach (var command in commands)
        {
            var names = string.Join(", ", new[] { command.Name }.Concat(command.Aliases));
            html.Append("<div style=\"text-indent:1.5em\"><pre><span style=\"text-indent:1.5em; color:#512bd4\">")
                .Append(HtmlText.Encode(command.Usage)).Append("</span></pre>")
                .Append("<div style=\"text-indent:3em\">").Append(HtmlText.Encode(command.Description));
            if (command.Aliases.Count > 0)
            {
                html.Append(" (also ").Append(HtmlText.Encode(string.Join(", ", command.Aliases))).Append(')');
            }

            html.Append("</div></div>");
            text.Append("  ").Append(command.Usage).Append('\n').Append("      ").Append(command.Description)
                .Append(command.Aliases.Count > 0 ? $" ({names})" : string.Empty).Append('\n');
        }

        html.Append("</div></div>");
        context.Display(new MimeBundle { [MimeTypes.Html] = html.ToString(), [MimeTypes.PlainText] = text.ToString().TrimEnd('\n') });
        return Task.CompletedTask;
    }
}
