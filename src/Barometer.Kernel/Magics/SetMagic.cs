namespace Barometer.Kernel.Magics;

/// <summary>
/// <c>#!set --name NAME --value VALUE</c>: declares a C# variable for the code after the line. The value is
/// <c>@value:N</c> (a stored <c>#!value</c>), <c>@csharp:N</c> (a session variable), <c>@input:"prompt"</c> or
/// <c>@password:"prompt"</c> (a line the user types; an error where the host takes no input), or a literal (a whole
/// number is an int, another number a double, <c>true</c>/<c>false</c> a bool, anything else a string).
/// </summary>
internal sealed class SetMagic : IMagicCommand
{
    private static readonly string[] Allowed = ["--name", "--value", "--mime-type"];
    private static readonly string[] Flags = ["--byref"];

    public string Name => "#!set";

    public string Usage => "#!set --name NAME --value VALUE|@value:N|@csharp:N|@input:\"prompt\"|@password:\"prompt\"";

    public string Description => "Set a C# variable to a literal, a stored #!value, another variable, or what the user types.";

    public void Check(MagicLine line) => Read(line);

    public async Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var (name, value, mimeType) = Read(line);
        var resolved = ValueSources.Resolve(context, line, value, name, mimeType) ?? SharedValue.FromLiteral(value);
        await context.DeclareAsync(name, resolved.Value, resolved.Type, cancellationToken).ConfigureAwait(false);
    }

    private (string Name, string Value, string? MimeType) Read(MagicLine line)
    {
        var options = line.Options(Allowed, Flags);
        var name = MagicArguments.Identifier(line, MagicArguments.Required(line, options, "--name", Usage));
        if (!options.TryGetValue("--value", out var value))
        {
            throw new MagicException($"{line.Name} needs --value (usage: {Usage})");
        }

        return (name, value, options.GetValueOrDefault("--mime-type"));
    }
}
