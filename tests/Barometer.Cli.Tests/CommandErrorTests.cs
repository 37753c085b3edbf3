using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Barometer.Kernel.Protocol;

namespace Barometer.Cli.Tests;

/// <summary>
/// Issue 18, item 6: every command error is one message naming what failed (the port and the connection file; the
/// folder and the permission), exit 1, and no stack trace unless <c>--verbose</c>. A permission is tested as user
/// <c>nobody</c> when the tests run as root (root may write anywhere), else as the user running them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes and another user: Unix
public sealed class CommandErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("barometer-errors-").FullName;

    [Fact]
    public void Kernel_start_on_a_port_in_use_names_the_channel_the_port_and_the_connection_file()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var connection = ConnectionInfo.CreateWithFreePorts() with { IOPubPort = port };
        var file = Path.Combine(_dir, "kernel-taken.json");
        File.WriteAllText(file, connection.ToJson());

        var r = CliRunner.Run(_dir, "kernel", "start", "-f", file);

        Assert.Equal(1, r.ExitCode);
        var error = Assert.Single(Lines(r.Stderr));
        Assert.Equal(
            $"error: cannot start the kernel of connection file '{file}': the iopub channel cannot listen on port {port} " +
            $"(tcp://127.0.0.1:{port}): the port is already in use by another process. Another kernel may still be running on it; " +
            "let the front end start the kernel with a new connection file.", error);
    }

    [Fact]
    public void Kernel_install_into_a_folder_without_write_permission_names_the_folder_and_the_permission()
    {
        var prefix = Path.Combine(_dir, "read-only");
        Directory.CreateDirectory(prefix);
        File.SetUnixFileMode(prefix, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                                     UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var r = RunWithoutRootRights("kernel", "install", "--prefix", prefix);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(
            $"error: cannot install the kernelspec in '{prefix}/share/jupyter/kernels/csharp': permission denied: no permission to write in " +
            $"the folder '{prefix}' (mode r-xr-xr-x)", Assert.Single(Lines(r.Stderr)));
        Assert.False(Directory.Exists(Path.Combine(prefix, "share")));
    }

    [Fact]
    public void An_unreadable_data_folder_is_a_located_error_naming_the_folder_not_a_crash()
    {
        var data = CopyOfData();
        File.SetUnixFileMode(Path.Combine(data, "barometer"), UnixFileMode.None);

        var validate = RunWithoutRootRights("data", "validate", "--data", data);
        var reproduce = RunWithoutRootRights("reproduce", "--issue", "18", "--data", data);

        foreach (var r in new[] { validate, reproduce })
        {
            Assert.Equal(1, r.ExitCode);
            Assert.Contains($"data/barometer/relationship_events.csv:1:1: cannot read the file: permission denied: the folder '{data}/barometer' " +
                            "cannot be entered (mode ---------)", r.Stdout + r.Stderr, StringComparison.Ordinal);
            AssertNoStackTrace(r);
        }
    }

    [Fact]
    public void Out_on_a_file_or_a_read_only_folder_fails_before_any_work_naming_the_folder()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "keep me");
        var readOnly = Path.Combine(_dir, "ro");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var onFile = CliRunner.Run(null, "reproduce", "--issue", "18", "--format", "json", "--out", file);
        var onReadOnly = RunWithoutRootRights("whatif", Path.Combine(CliRunner.RepoRoot, "scenarios", "without-december-sanctions.yaml"), "--format", "json", "--out", readOnly);
        var notebooksOnFile = CliRunner.Run(null, "notebooks", "run", "notebooks/01-reproduce-issue-18.ipynb", "--out", file);

        Assert.Equal((1, $"error: cannot write the figures to '{file}': '{file}' is a file, not a folder"), (onFile.ExitCode, Assert.Single(Lines(onFile.Stderr))));
        Assert.Equal((1, $"error: cannot write the figures to '{readOnly}': permission denied: no permission to write in the folder '{readOnly}' (mode r-x---r-x)"),
            (onReadOnly.ExitCode, Assert.Single(Lines(onReadOnly.Stderr))));
        Assert.Equal((1, $"error: --out '{file}' is a file, not a folder (the executed copies go into a folder)."), (notebooksOnFile.ExitCode, Assert.Single(Lines(notebooksOnFile.Stderr))));
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Empty(Directory.EnumerateFileSystemEntries(readOnly));
    }

    [Fact]
    public void A_folder_where_a_file_is_expected_is_named_as_a_folder()
    {
        var folder = Path.Combine(_dir, "looks-like.ipynb");
        Directory.CreateDirectory(folder);

        var notebook = CliRunner.Run(null, "notebooks", "run", folder);
        var scenario = CliRunner.Run(null, "whatif", folder);
        var connection = CliRunner.Run(null, "kernel", "start", "-f", folder);

        Assert.Equal((1, $"error: '{folder}' is a folder with no notebooks (.ipynb, .dib) in it."), (notebook.ExitCode, Assert.Single(Lines(notebook.Stderr))));
        Assert.Equal(1, scenario.ExitCode);
        Assert.Contains($"{folder}:1:1: this is a folder, not a scenario file", scenario.Stderr, StringComparison.Ordinal);
        Assert.Equal((1, $"error: {folder}: cannot read the connection file: '{folder}' is a folder, not a file"), (connection.ExitCode, Assert.Single(Lines(connection.Stderr))));
    }

    [Fact]
    public void Output_that_cannot_be_written_is_one_message_and_verbose_adds_the_stack_trace()
    {
        var full = ShellRun("reproduce --issue 18 > /dev/full");
        var verbose = ShellRun("reproduce --issue 18 --verbose > /dev/full");

        Assert.Equal((1, "error: cannot write the output: no space left on the device"), (full.ExitCode, full.Stderr.TrimEnd()));
        Assert.Equal(1, verbose.ExitCode);
        Assert.StartsWith("error: cannot write the output: no space left on the device\nSystem.IO.IOException: No space left on device", verbose.Stderr, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Stderr, StringComparison.Ordinal);
    }

    private static void AssertNoStackTrace(CliRunner.Result r)
    {
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", r.Stderr, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string CopyOfData()
    {
        var data = Path.Combine(_dir, "data");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(CliRunner.RepoRoot, "data"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(data, Path.GetRelativePath(Path.Combine(CliRunner.RepoRoot, "data"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return data;
    }

    /// <summary>Runs the command as <c>nobody</c> when these tests run as root (who may read and write anything), else as is.</summary>
    private CliRunner.Result RunWithoutRootRights(params string[] args)
    {
        if (Environment.UserName != "root")
        {
            return CliRunner.Run(_dir, args);
        }

        Assert.True(File.Exists("/usr/bin/setpriv"), "as root, these tests need util-linux's setpriv to run the command as another user");
        // nobody must reach the test's folder (Directory.CreateTempSubdirectory makes it 0700).
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        return CliRunner.RunAs("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups"], _dir, args);
    }

    private static CliRunner.Result ShellRun(string arguments)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = CliRunner.RepoRoot, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{Path.Combine(AppContext.BaseDirectory, "barometer.dll")}' {arguments}");
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CliRunner.Result(process.ExitCode, "", string.Join('\n', stderr.Split('\n').Where(l => !CliRunner.IsProgressLine(l))));
    }

    public void Dispose()
    {
        MakeRemovable(_dir);
        Directory.Delete(_dir, recursive: true);
    }

    private static void MakeRemovable(string dir)
    {
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var child in Directory.GetDirectories(dir))
        {
            MakeRemovable(child);
        }
    }
}
