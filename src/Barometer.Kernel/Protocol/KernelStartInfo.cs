using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>How <see cref="KernelClient.StartAsync"/> starts a kernel process.</summary>
/// <param name="Argv">The command; <c>{connection_file}</c> is replaced by the path of the connection file the client writes (as in a kernelspec's argv).</param>
public sealed record KernelStartInfo(IReadOnlyList<string> Argv)
{
    /// <summary>The kernel's working directory (a notebook's folder, as Jupyter does); null: the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables for the kernel process.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>How long the kernel may take to answer <c>kernel_info_request</c> on shell and iopub (default 60 s).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Called with each line the kernel process writes to its standard error (its log: package restores, rejected
    /// messages, warnings), as it comes; on the client's reader thread, so it must be quick and must not throw.
    /// </summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>The kernel's argv (and <c>env</c>, as jupyter_client honours it) from a kernelspec folder's <c>kernel.json</c>.</summary>
    /// <exception cref="FormatException">The file has no argv list, or an <c>env</c> value is not a string.</exception>
    public static KernelStartInfo FromKernelSpec(string kernelSpecDirectory)
    {
        var path = Path.Combine(kernelSpecDirectory, "kernel.json");
        var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        if (json?["argv"] is not JsonArray argv || argv.Count == 0)
        {
            throw new FormatException($"{path}: 'argv' must be a non-empty list of strings.");
        }

        var environment = json["env"] is JsonObject env
            ? env.ToDictionary(e => e.Key, e => (string?)e.Value ?? throw new FormatException($"{path}: 'env' must map names to strings."), StringComparer.Ordinal)
            : null;
        return new KernelStartInfo(argv.Select(a => (string?)a ?? throw new FormatException($"{path}: 'argv' must be a list of strings.")).ToList())
        {
            Environment = environment,
        };
    }
}
