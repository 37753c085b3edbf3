namespace Barometer.Kernel.Magics;

/// <summary>
/// <c>#!share --from value NAME [--as NEW]</c>: a C# variable holding a value that a <c>#!value</c> cell stored (a string,
/// or for <c>application/json</c> the parsed JSON, see <see cref="SharedValue"/>); <c>--from csharp NAME</c> copies the
/// reference of a session variable under another name (<c>--as</c>). The variable is declared for the code after the
/// line, in the same cell, as in .NET Interactive.
/// </summary>
internal sealed class ShareMagic : IMagicCommand
{
    private static readonly string[] Allowed = ["--name", "--from", "--as", "--mime-type"];

    public string Name => "#!share";

    public string Usage => "#!share --from value|csharp NAME [--as NEW] [--mime-type TYPE]";

    public string Description => "Bring a stored #!value (or a C# variable) into the C# session as a variable.";

    public void Check(MagicLine line) => Read(line);

    public async Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var (name, from, target, mimeType) = Read(line);
        var (value, type) = ValueSources.Get(context, line, from, name, mimeType);
        await context.DeclareAsync(target, value, type, cancellationToken).ConfigureAwait(false);
    }

    private (string Name, string From, string Target, string? MimeType) Read(MagicLine line)
    {
        var options = line.Options(Allowed, implicitName: "--name");
        var name = MagicArguments.Required(line, options, "--name", Usage);
        var from = MagicArguments.Required(line, options, "--from", Usage);
        var target = MagicArguments.Identifier(line, options.GetValueOrDefault("--as") ?? name);
        return (name, from, target, options.GetValueOrDefault("--mime-type"));
    }
}
