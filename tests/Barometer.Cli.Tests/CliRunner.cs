using System.Diagnostics;

namespace Barometer.Cli.Tests;

/// <summary>Runs the built <c>barometer</c> command as a separate process, as a user or script would.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "barometer.dll");

    public static string RepoRoot { get; } = Barometer.Analysis.Loading.DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("tests must run inside the repository");

    public static Result Run(string? workingDirectory, params string[] args) => RunWithEnvironment(null, workingDirectory, args);

    /// <summary>As <see cref="Run"/>, with extra environment variables for the child process.</summary>
    public static Result RunWithEnvironment(IReadOnlyDictionary<string, string>? environment, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"barometer {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
