using System.Diagnostics;
using System.Text;

namespace Barometer.Kernel.Packages;

/// <summary>What one run of the <c>dotnet</c> command printed (standard output and error, interleaved) and how it ended.</summary>
/// <param name="ExitCode">The exit code (-1 when it did not start or was stopped).</param>
/// <param name="Output">Everything it printed.</param>
/// <param name="StartError">Why it could not be started, or null.</param>
/// <param name="TimedOut">True when it ran past its time and was stopped.</param>
internal sealed record DotNetRun(int ExitCode, string Output, string? StartError, bool TimedOut);

/// <summary>Runs the .NET SDK's <c>dotnet</c> (restore, build) as a child process, with an environment of its own.</summary>
internal static class DotNetProcess
{
    public static async Task<DotNetRun> RunAsync(DotNetHost host, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(host.DotNetPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A host started by `dotnet run`/`dotnet test` passes MSBuild settings meant for its own build; the child must
        // find the SDK on its own.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new DotNetRun(-1, string.Empty, $"could not start '{host.DotNetPath} {what}': {ex.Message}.", false);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new DotNetRun(-1, Text(), null, true);
        }

        // WaitForExitAsync returns after the output streams closed.
        return new DotNetRun(process.ExitCode, Text(), null, false);

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }
        }

        string Text()
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }
}
