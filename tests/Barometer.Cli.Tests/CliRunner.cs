using System.Diagnostics;

namespace Barometer.Cli.Tests;

/// <summary>Runs the built <c>barometer</c> command as a separate process, as a user or script would.</summary>
public static class CliRunner
{
    /// <summary>
    /// A finished run. <see cref="Stderr"/> holds the command's messages; the progress lines that work longer than a
    /// second writes there (how long depends on the machine's load: reading the data, a long simulation) are in
    /// <see cref="Progress"/>, so that a test of the messages does not depend on the machine's speed.
    /// </summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> Progress { get; init; } = [];
    }

    /// <summary>A progress line of <c>WorkProgress</c> (plain form).</summary>
    public static bool IsProgressLine(string line) =>
        line.StartsWith("reading and checking the data in ", StringComparison.Ordinal) ||
        System.Text.RegularExpressions.Regex.IsMatch(line, @"^sensitivity: [\d,]+ of [\d,]+ runs ");

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "barometer.dll");

    public static string RepoRoot { get; } = Barometer.Analysis.Loading.DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("tests must run inside the repository");

    public static Result Run(string? workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <summary>
    /// Runs with <paramref name="environment"/> changes (a null value removes the variable). By default NO_COLOR=1 and
    /// COLUMNS=200; tests of the output's own plain-text behaviour remove them.
    /// </summary>
    public static Result Run(string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        Run(null, [], workingDirectory, environment, args);

    /// <summary>Runs the command through <paramref name="launcher"/> (e.g. <c>setpriv</c> to run it as another user).</summary>
    public static Result RunAs(string launcher, IReadOnlyList<string> launcherArgs, string? workingDirectory, params string[] args) =>
        Run(launcher, launcherArgs, workingDirectory, null, args);

    private static Result Run(string? launcher, IReadOnlyList<string> launcherArgs, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var start = new ProcessStartInfo(launcher ?? "dotnet")
        {
            WorkingDirectory = workingDirectory ?? RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher is not null)
        {
            foreach (var a in launcherArgs)
            {
                start.ArgumentList.Add(a);
            }

            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"barometer {string.Join(' ', args)} did not finish in 120 s");
        }
        var lines = stderr.Result.Split('\n');
        var messages = string.Join('\n', lines.Where(l => !IsProgressLine(l)));
        return new Result(process.ExitCode, stdout.Result, messages) { Progress = lines.Where(IsProgressLine).ToArray() };
    }
}
