using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Barometer.Kernel.Packages;

/// <summary>An error or warning line printed by <c>dotnet restore</c> (e.g. <c>NU1101</c>).</summary>
/// <param name="Code">The code (<c>NU1101</c>, <c>NU1301</c>, <c>MSB4236</c>, …), or null.</param>
/// <param name="Message">The message without the project path.</param>
public sealed record RestoreMessage(string? Code, string Message);

/// <summary>What one run of <c>dotnet restore</c> reported.</summary>
internal sealed record RestoreRunResult(bool Succeeded, IReadOnlyList<RestoreMessage> Errors, string Output);

/// <summary>Runs the .NET SDK's <c>dotnet restore</c> on a generated project, as a child process.</summary>
internal static partial class DotNetRestore
{
    /// <summary>Longest a restore may take before it is stopped.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [GeneratedRegex(@":\s*error\s+(?<code>[A-Z]+\d+)\s*:\s*(?<message>.*?)(\s+\[[^\]]*\])?\s*$")]
    private static partial Regex ErrorLine();

    public static async Task<RestoreRunResult> RunAsync(DotNetHost host, string projectPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(host.DotNetPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "restore", projectPath, "--disable-build-servers", "-nologo", "-v:m", "-p:NuGetInteractive=false" })
        {
            start.ArgumentList.Add(argument);
        }

        // A host started by `dotnet run`/`dotnet test` passes MSBuild settings meant for its own build; the
        // child restore must find the SDK on its own.
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
            return new RestoreRunResult(false, [new RestoreMessage(null, $"could not start '{host.DotNetPath} restore': {ex.Message}. Package references need the .NET SDK.")], string.Empty);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
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
            return new RestoreRunResult(false, [new RestoreMessage(null, $"dotnet restore did not finish within {Timeout.TotalMinutes:0} minutes and was stopped.")], Text());
        }

        // WaitForExitAsync returns after the output streams closed.
        var text = Text();
        var errors = text.Split('\n')
            .Select(l => ErrorLine().Match(l.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new RestoreMessage(m.Groups["code"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();
        if (process.ExitCode != 0 && errors.Count == 0)
        {
            var lastLines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5);
            errors.Add(new RestoreMessage(null, $"dotnet restore exited with code {process.ExitCode}: {string.Join(" ", lastLines)}"));
        }

        return new RestoreRunResult(process.ExitCode == 0, errors, text);

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
