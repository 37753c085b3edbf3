using System.Reflection;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>What the kernel says about itself in <c>kernel_info_reply</c> (built without loading Roslyn).</summary>
public static class KernelInfo
{
    /// <summary>The implementation name.</summary>
    public const string ImplementationName = "roslyn-csharp";

    /// <summary>
    /// The C# language version cells compile with: the .NET SDK's default for the running .NET (14.0 on .NET 10; a test
    /// keeps it in step with <see cref="Execution.ScriptEnvironment.DefaultLanguageVersion"/>, which Roslyn computes).
    /// </summary>
    public static string CSharpVersion { get; } = $"{Environment.Version.Major + 4}.0";

    /// <summary>The implementation version (this assembly's informational version).</summary>
    public static string ImplementationVersion { get; } =
        typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The <c>kernel_info_reply</c> content.</summary>
    public static JsonObject ReplyContent() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = ImplementationName,
        ["implementation_version"] = ImplementationVersion,
        ["language_info"] = new JsonObject
        {
            ["name"] = "csharp",
            ["version"] = CSharpVersion,
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"C# {CSharpVersion} (Roslyn scripting) on .NET {Environment.Version}. Cells share state; display(x) shows a value; "
                     + "the CancellationToken global is cancelled on interrupt. A notebook runs C# with your full user rights.",
        ["help_links"] = new JsonArray(
            new JsonObject { ["text"] = "C# language", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" },
            new JsonObject { ["text"] = ".NET API browser", ["url"] = "https://learn.microsoft.com/dotnet/api/" }),
        ["debugger"] = false,
    };
}
