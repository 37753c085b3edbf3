using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Magics;

/// <summary>
/// A kernel line whose cell text this kernel displays instead of running: <c>#!html</c> (<c>text/html</c>),
/// <c>#!markdown</c> (<c>text/markdown</c>, which Jupyter front ends render) and <c>#!javascript</c>/<c>#!js</c>
/// (<c>application/javascript</c>, and the <c>&lt;script type="text/javascript"&gt;</c> element .NET Interactive shows as
/// <c>text/html</c>; a front end runs the script once, from whichever it renders). Each display carries the text as
/// <c>text/plain</c> too.
/// </summary>
internal sealed class KernelCell(string name, string mimeType, string description, params string[] aliases) : IMagicCommand
{
    public static KernelCell Html { get; } = new("#!html", MimeTypes.Html, "The lines after it are HTML, displayed as text/html.");

    public static KernelCell Markdown { get; } = new("#!markdown", MimeTypes.Markdown, "The lines after it are Markdown, displayed as text/markdown.", "#!md");

    public static KernelCell JavaScript { get; } = new("#!javascript", "application/javascript", "The lines after it are JavaScript, sent to the front end to run.", "#!js");

    public string Name => name;

    public IReadOnlyList<string> Aliases => aliases;

    public string Usage => name;

    public string Description => description;

    public bool IsKernel => true;

    public void Check(MagicLine line) => MagicArguments.None(line);

    public Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var text = content ?? string.Empty;
        var bundle = new MimeBundle { [mimeType] = text };
        if (mimeType == "application/javascript")
        {
            bundle[MimeTypes.Html] = "<script type=\"text/javascript\">" + text.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "</script>";
        }

        bundle[MimeTypes.PlainText] = text;
        context.Display(bundle);
        return Task.CompletedTask;
    }
}
