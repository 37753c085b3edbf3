using System.Diagnostics;

namespace Barometer.Kernel.Tests.Support;

/// <summary>
/// Runs a command as another local user (<c>nobody</c>, uid 65534) through util-linux's <c>setpriv</c>, to check what
/// a second user of the machine can read. Possible only as root (CI runs as root); elsewhere <see cref="CanSwitch"/> is false.
/// </summary>
public static class OtherUser
{
    private const string SetPriv = "/usr/bin/setpriv";

    public static bool CanSwitch => !OperatingSystem.IsWindows() && Environment.UserName == "root" && File.Exists(SetPriv);

    public static (int ExitCode, string Output) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(SetPriv) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", command }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
