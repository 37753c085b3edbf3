using System.Diagnostics;
using System.Globalization;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// A kernel process started for a <see cref="KernelClient"/>, as jupyter_client starts one: its connection file (0600,
/// in the private runtime folder) written first, the argv's <c>{connection_file}</c> replaced, <c>JPY_PARENT_PID</c> set so
/// that the kernel ends with its front end. Keeps the last lines the kernel wrote to standard error and reports its
/// death once.
/// </summary>
internal sealed class KernelProcess : IDisposable
{
    private const int StandardErrorLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _standardError = new();

    // Completed when the kernel's standard error reaches its end (the process and every holder of the pipe closed it).
    private readonly TaskCompletionSource _standardErrorEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // How long a dead kernel's last standard-error lines may take to arrive: a stack overflow writes its trace as the
    // process dies, and on a loaded machine the reader gets it well after the exit.
    private static readonly TimeSpan LastLinesWait = TimeSpan.FromSeconds(5);

    private KernelProcess(Process process, string connectionFile)
    {
        _process = process;
        ConnectionFile = connectionFile;
    }

    /// <summary>The connection file written for the kernel.</summary>
    public string ConnectionFile { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the kernel wrote to standard error.</summary>
    public string StandardErrorText
    {
        get
        {
            lock (_standardError)
            {
                return string.Join('\n', _standardError);
            }
        }
    }

    /// <summary>" Its last standard-error lines: …" for a message, or empty.</summary>
    public string StandardErrorNote => StandardErrorText is { Length: > 0 } text ? $" Its last standard-error lines:\n{text}" : string.Empty;

    /// <summary>Writes the connection file and starts the kernel.</summary>
    /// <exception cref="DeadKernelException">The process could not be started.</exception>
    public static async Task<KernelProcess> StartAsync(KernelStartInfo startInfo, ConnectionInfo connection, CancellationToken cancellationToken)
    {
        // As jupyter_client: in the user's private (0700) runtime folder, the file itself 0600.
        var connectionFile = Path.Combine(JupyterPaths.PrivateRuntimeDirectory(), $"kernel-{Guid.NewGuid():N}.json");
        await connection.SaveAsync(connectionFile, cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo(startInfo.Argv[0].Replace("{connection_file}", connectionFile, StringComparison.Ordinal))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = startInfo.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in startInfo.Argv.Skip(1))
        {
            start.ArgumentList.Add(argument.Replace("{connection_file}", connectionFile, StringComparison.Ordinal));
        }

        if (!OperatingSystem.IsWindows())
        {
            // As jupyter_client: kernels that watch their front end (ipykernel, ours) exit when this process is gone.
            start.Environment["JPY_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in startInfo.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
            return new KernelProcess(process, connectionFile);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            File.Delete(connectionFile);
            throw new DeadKernelException($"Could not start the kernel '{start.FileName}': {ex.Message}");
        }
    }

    /// <summary>
    /// Reads the process's output and calls <paramref name="died"/> once when it exits (after its last standard-error
    /// lines arrived); each standard-error line also goes to <paramref name="standardErrorLine"/>.
    /// </summary>
    public void Watch(Action<DeadKernelException> died, Action<string>? standardErrorLine)
    {
        _process.EnableRaisingEvents = true;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _standardErrorEnded.TrySetResult();
                return;
            }

            lock (_standardError)
            {
                _standardError.Enqueue(e.Data);
                while (_standardError.Count > StandardErrorLines)
                {
                    _standardError.Dequeue();
                }
            }

            standardErrorLine?.Invoke(e.Data);
        };
        _process.OutputDataReceived += static (_, _) => { };
        _process.Exited += (_, _) =>
        {
            // Let the last stderr lines arrive before reporting them: until the pipe's end, bounded (a child process the
            // kernel started may hold the pipe open after the kernel died). Process.WaitForExit(timeout) would not wait
            // for them: it returns at once for a process that has exited.
            _standardErrorEnded.Task.Wait(LastLinesWait);
            var code = _process.ExitCode;
            died(new DeadKernelException($"The kernel process died (exit code {code}).{StandardErrorNote}", code, StandardErrorText));
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (_process.HasExited)
        {
            died(new DeadKernelException($"The kernel process died (exit code {_process.ExitCode}).", _process.ExitCode, StandardErrorText));
        }
    }

    /// <summary>Waits for the process to exit; kills it (and its children) when <paramref name="grace"/> runs out first.</summary>
    public async Task WaitForExitOrKillAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Kills the process if it still runs, and deletes the connection file.</summary>
    public async Task StopAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }

        Dispose();
    }

    /// <summary>Releases the process handle and deletes the connection file.</summary>
    public void Dispose()
    {
        _process.Dispose();
        try
        {
            File.Delete(ConnectionFile);
        }
        catch (IOException)
        {
        }
    }
}
