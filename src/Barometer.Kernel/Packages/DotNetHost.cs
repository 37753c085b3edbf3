using System.Runtime.InteropServices;

namespace Barometer.Kernel.Packages;

/// <summary>
/// Facts about the running .NET: the <c>dotnet</c> executable that restores packages (the SDK's own restore, so
/// the user's NuGet.config, credentials and caches apply), the dotnet root, the target framework moniker and the
/// runtime identifier of this process.
/// </summary>
public sealed record DotNetHost(string DotNetPath, string? DotNetRoot, string TargetFramework, string RuntimeIdentifier)
{
    private static readonly Lazy<DotNetHost> CurrentHost = new(Detect, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The host of this process.</summary>
    public static DotNetHost Current => CurrentHost.Value;

    private static DotNetHost Detect()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

        // The shared framework lives in <root>/shared/Microsoft.NETCore.App/<version>/.
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtimeDirectory is null ? null : Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        string? path = null;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            path = hostPath;
        }
        else if (Environment.ProcessPath is { } processPath && Path.GetFileName(processPath).Equals(executable, StringComparison.OrdinalIgnoreCase))
        {
            path = processPath;
        }
        else if (root is not null && File.Exists(Path.Combine(root, executable)))
        {
            path = Path.Combine(root, executable);
        }

        var version = Environment.Version;
        return new DotNetHost(path ?? executable, root, $"net{version.Major}.{version.Minor}", RuntimeInformation.RuntimeIdentifier);
    }
}
