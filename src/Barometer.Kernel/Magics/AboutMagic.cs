using System.Reflection;
using System.Runtime.InteropServices;
using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Magics;

/// <summary><c>#!about</c>: what this kernel is, its version, and the C#, Roslyn and .NET it runs on (HTML and plain text).</summary>
internal sealed class AboutMagic : IMagicCommand
{
    public string Name => "#!about";

    public string Usage => "#!about";

    public string Description => "Show the kernel's name and version, and the C#, Roslyn and .NET versions it runs.";

    public void Check(MagicLine line) => MagicArguments.None(line);

    public Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var roslyn = typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
        (string Label, string Value)[] rows =
        [
            ("Version", KernelInfo.ImplementationVersion),
            ("Language", $"C# {KernelInfo.CSharpVersion} (Roslyn scripting {roslyn})"),
            ("Runtime", $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})"),
        ];
        var title = $"C# kernel ({KernelInfo.ImplementationName})";
        var html = "<table><tbody><tr><td style=\"line-height:.8em\"><p style=\"font-size:1.5em\"><b>" + HtmlText.Encode(title) + "</b></p>"
                   + string.Concat(rows.Select(r => $"<p><b>{HtmlText.Encode(r.Label)}: </b>{HtmlText.Encode(r.Value)}</p>"))
                   + "</td></tr></tbody></table>";
        var text = title + "\n" + string.Join('\n', rows.Select(r => $"{r.Label}: {r.Value}"));
        context.Display(new MimeBundle { [MimeTypes.Html] = html, [MimeTypes.PlainText] = text });
        return Task.CompletedTask;
    }
}
