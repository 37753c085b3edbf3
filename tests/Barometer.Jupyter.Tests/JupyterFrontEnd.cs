using System.Diagnostics;
using Barometer.Analysis.Loading;

namespace Barometer.Jupyter.Tests;

/// <summary>
/// What the tests of real Jupyter front ends need: Debian's Python with the Jupyter packages, our kernel registered
/// in a private kernelspec folder (so the user's own Jupyter setup is neither used nor touched), and a way to run the
/// Python harnesses in <c>tests/jupyter/</c>. Without the packages a test is skipped with the reason, except when
/// <c>CI</c> is set: there a missing package is a failure (<c>.ci/run</c> installs them).
/// </summary>
public sealed class JupyterFrontEnd : IDisposable
{
    /// <summary>The Python every harness runs with (Debian's, where the apt packages install).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The kernelspec name the notebooks select and the tests register.</summary>
    public const string KernelName = "csharp";

    private readonly string _prefix = Path.Combine(Path.GetTempPath(), "barometer-jupyter-tests-" + Guid.NewGuid().ToString("N"));

    public JupyterFrontEnd()
    {
        RepoRoot = DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("tests must run inside the repository");
        var install = Run("dotnet", [BarometerDll, "kernel", "install", "--prefix", _prefix, "--name", KernelName], RepoRoot, TimeSpan.FromMinutes(1));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"barometer kernel install failed ({install.ExitCode}): {install.Stderr}{install.Stdout}");
        }

        JupyterPath = Path.Combine(_prefix, "share", "jupyter");
    }

    /// <summary>The repository root.</summary>
    public string RepoRoot { get; }

    /// <summary>The folder to put on <c>JUPYTER_PATH</c> so Jupyter finds our kernelspec.</summary>
    public string JupyterPath { get; }

    /// <summary>The built command the kernelspec launches.</summary>
    public static string BarometerDll => Path.Combine(AppContext.BaseDirectory, "barometer.dll");

    /// <summary>Skips (locally) or fails (CI) unless Debian's Python has every module named.</summary>
    public static void Require(params string[] modules)
    {
        var missing = modules.Where(m => !File.Exists(Python) || Run(Python, ["-c", $"import {m}"], null, TimeSpan.FromSeconds(30)).ExitCode != 0).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        Unavailable($"{Python} lacks {string.Join(", ", missing)} (Debian packages: python3-nbclient, python3-nbformat, jupyter-notebook, python3-websocket, python3-jupyter-kernel-test).");
    }

    /// <summary>Skips (locally) or fails (CI) unless the program exists.</summary>
    public static void RequireProgram(string path, string package)
    {
        if (!File.Exists(path))
        {
            Unavailable($"{path} not found (Debian package: {package}).");
        }
    }

    /// <summary>Skips (locally) or fails (CI) unless the file exists.</summary>
    public static void RequireFile(string path, string howToGetIt)
    {
        if (!File.Exists(path))
        {
            Unavailable($"{path} not found ({howToGetIt}).");
        }
    }

    private static void Unavailable(string message)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail($"{message} CI is set, so the Jupyter tests must run (.ci/run installs them).");
        }

        Skip.If(true, message);
    }

    /// <summary>Runs a harness script of <c>tests/jupyter/</c> with our kernelspec on JUPYTER_PATH.</summary>
    public ProcessResult RunHarness(string script, IEnumerable<string> arguments, TimeSpan timeout) =>
        Run(Python, [Path.Combine(RepoRoot, "tests", "jupyter", script), .. arguments], RepoRoot, timeout,
            new Dictionary<string, string> { ["JUPYTER_PATH"] = JupyterPath, ["PYTHONUNBUFFERED"] = "1" });

    public static ProcessResult Run(string file, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(-1, stdout.Result, stderr.Result + $"\n(killed after {timeout.TotalSeconds} s)");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>Exit code and output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
