using Barometer.Kernel.Documents;
using Barometer.Kernel.Formatting;

namespace Barometer.Kernel.Magics;

/// <summary>
/// <c>#!value --name N [--mime-type M]</c> followed by text, or with <c>--from-file F</c> (relative to the notebook),
/// <c>--from-url U</c> or <c>--from-value TEXT</c> instead: stores the text as it is (a string, <c>text/plain</c> unless
/// <c>--mime-type</c> says otherwise) in the session's <see cref="ValueStore"/> and displays it under its MIME type, as
/// .NET Interactive's <c>value</c> kernel does. Nothing is evaluated; <c>#!share --from value N</c> brings it into C#.
/// </summary>
internal sealed class ValueCell : IMagicCommand
{
    private static readonly string[] Allowed = ["--name", "--mime-type", "--from-file", "--from-url", "--from-value"];
    private static readonly string[] Sources = ["--from-file", "--from-url", "--from-value"];

    public string Name => "#!value";

    public string Usage => "#!value --name NAME [--mime-type TYPE] [--from-file PATH | --from-url URL | --from-value TEXT]";

    public string Description => "Store the lines after it (or a file, a URL's content, a text) as a named value, shown under its MIME type.";

    public bool IsKernel => true;

    public void Check(MagicLine line) => Read(line, null);

    public async Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken)
    {
        var (name, mimeType, options) = Read(line, content);
        string text;
        if (options.TryGetValue("--from-file", out var file))
        {
            var path = Path.GetFullPath(file, context.BaseDirectory);
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MagicException($"#!value --from-file: cannot read '{path}': {e.Message}");
            }
        }
        else if (options.TryGetValue("--from-url", out var url))
        {
            text = await FromUrlAsync(url, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // --from-value @input:prompt asks the user, as in .NET Interactive; any other text is the value.
            var fromValue = options.GetValueOrDefault("--from-value");
            text = fromValue is not null && fromValue.StartsWith("@input:", StringComparison.Ordinal) || fromValue?.StartsWith("@password:", StringComparison.Ordinal) == true
                ? (string)ValueSources.Resolve(context, line, fromValue, name, null)!.Value.Value!
                : fromValue ?? content ?? string.Empty;
        }

        context.Values.Set(name, new StoredValue(mimeType, text));
        var bundle = new MimeBundle { [mimeType] = text };
        bundle[MimeTypes.PlainText] = text;
        context.Display(bundle);
    }

    private (string Name, string MimeType, IReadOnlyDictionary<string, string> Options) Read(MagicLine line, string? content)
    {
        var options = line.Options(Allowed);
        var name = MagicArguments.Required(line, options, "--name", Usage);
        var sources = Sources.Where(options.ContainsKey).ToList();
        if (sources.Count > 1)
        {
            throw new MagicException($"#!value: {sources[0]} and {sources[1]} cannot be used together");
        }

        if (sources.Count == 1 && !string.IsNullOrWhiteSpace(content))
        {
            throw new MagicException($"#!value: {sources[0]} cannot be used together with text in the cell");
        }

        return (name, options.GetValueOrDefault("--mime-type") ?? MimeTypes.PlainText, options);
    }

    private static async Task<string> FromUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new MagicException($"#!value --from-url: '{url}' is not an http or https URL");
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            return await client.GetStringAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MagicException($"#!value --from-url: cannot get '{url}': {e.Message}");
        }
    }
}
