using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Barometer.IO;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Server;
using NetMQ;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer kernel start -f FILE [--output-limit CHARS] [--full-outputs DIR]</c> (what Jupyter runs), <c>barometer kernel install [--user | --prefix DIR]
/// [--name NAME] [--display-name TEXT]</c> and <c>barometer kernel uninstall [--name NAME] [--prefix DIR]</c>:
/// the C# Jupyter kernel of Barometer.Kernel and its kernelspec.
/// </summary>
internal static class KernelCommand
{
    /// <summary>The <c>kernel</c> command with its subcommands.</summary>
    public static Command Create() => new("kernel", "The C# Jupyter kernel: install its kernelspec so Jupyter and VS Code can use it, or start it.")
    {
        Start(),
        Install(),
        Uninstall(),
    };

    private static Command Start()
    {
        var connectionFile = new Option<string>("--connection-file", "-f")
        {
            Description = "The connection file written by the Jupyter front end (transport, IP, ports, key).",
            HelpName = "FILE",
            Required = true,
        };
        var (outputLimit, fullOutputs) = (OutputLimitOptions.Limit(), OutputLimitOptions.Directory());
        var start = new Command("start", "Start the kernel on the sockets of a connection file (the kernelspec runs this).") { connectionFile, outputLimit, fullOutputs };
        start.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var path = parse.GetValue(connectionFile)!;
            ConnectionInfo connection;
            try
            {
                connection = ConnectionInfo.Load(path);
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            try
            {
                var outputs = (parse.GetValue(outputLimit), parse.GetValue(fullOutputs) is { } dir ? Path.GetFullPath(dir) : null);
                return await ServeAsync(connection, outputs, cancellationToken);
            }
            catch (ChannelBindException ex)
            {
                await Console.Error.WriteLineAsync(
                    $"error: cannot start the kernel of connection file '{path}': {ex.Message}. Another kernel may still be running " +
                    "on it; let the front end start the kernel with a new connection file.");
                return ExitCodes.BadInput;
            }
        });
        return start;
    }

    /// <summary>Serves the kernel on <paramref name="connection"/> until it is shut down or its front end is gone.</summary>
    /// <exception cref="ChannelBindException">A port of the connection file cannot be bound.</exception>
    private static async Task<int> ServeAsync(ConnectionInfo connection, (int Limit, string? FullOutputs) outputs, CancellationToken cancellationToken)
    {
        // This process is the kernel's host: cells' console text and input go over the protocol.
        ConsoleCapture.Install();
        using var frontEndGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var parentWatch = WatchParent(frontEndGone);
        using (var server = new KernelServer(connection, new KernelServerOptions
        {
            // The kernel's log (its standard error, which Jupyter front ends and `notebooks run` show) says what a
            // #r "nuget:" cell is restoring while it happens; the cell gets its own lines as well.
            SessionFactory = () => new ScriptSession(new ScriptSessionOptions
            {
                CellTimeout = Timeout.InfiniteTimeSpan,
                PackageProgress = new PackageLog(),
                OutputLimit = outputs.Limit,
                FullOutputDirectory = outputs.FullOutputs,
            }),
            // Roslyn is loaded only after the front end has its kernel_info_reply; then warmed up while the user
            // reads (on the server's background task), with multi-core JIT replaying the compiler's methods recorded
            // by earlier kernels (started here, not at process start, so it does not compete with the
            // kernel_info_reply for the cores). The server warms the language services up after it, when quiet.
            AfterFirstKernelInfo = static () =>
            {
                ScriptEnvironment.EnableStartupProfile(JitProfileDirectory(), "jupyter-kernel");
                ScriptEnvironment.Shared.WarmUpAsync().GetAwaiter().GetResult();
            },
            // BAROMETER_KERNEL_LANGUAGE_WARMUP=0 leaves the language services cold until the first request (to measure).
            WarmUpLanguageServices = Environment.GetEnvironmentVariable("BAROMETER_KERNEL_LANGUAGE_WARMUP") != "0",
        }))
        {
            await server.RunAsync(frontEndGone.Token);
        }

        NetMQConfig.Cleanup(block: false);
        return ExitCodes.Ok;
    }

    private static Command Install()
    {
        var (name, prefix) = (NameOption(), PrefixOption());
        var user = new Option<bool>("--user") { Description = "Install for the current user (the default): $JUPYTER_DATA_DIR/kernels, or ~/.local/share/jupyter/kernels." };
        var displayName = new Option<string>("--display-name")
        {
            Description = $"The name Jupyter and VS Code show (default \"{KernelSpec.DefaultDisplayName}\").",
            HelpName = "TEXT",
            DefaultValueFactory = _ => KernelSpec.DefaultDisplayName,
        };
        var install = new Command("install", "Write the kernelspec (kernel.json and logos) so that `jupyter kernelspec list` shows this kernel.") { user, prefix, name, displayName };
        install.Validators.Add(result =>
        {
            if (result.GetValue(user) && result.GetValue(prefix) is not null)
            {
                result.AddError("Give either --user or --prefix, not both.");
            }
        });
        install.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var kernels = KernelsDirectory(parse.GetValue(prefix));
            string directory;
            try
            {
                directory = await KernelSpec.InstallAsync(kernels, parse.GetValue(name)!, parse.GetValue(displayName)!, LaunchArgv(), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var target = Path.Combine(kernels, parse.GetValue(name)!);
                await Console.Error.WriteLineAsync($"error: cannot install the kernelspec in '{target}': {FileProblem.DescribeWrite(target, ex)}");
                return ExitCodes.BadInput;
            }

            Console.WriteLine($"Installed kernelspec '{parse.GetValue(name)}' in {directory}");
            return ExitCodes.Ok;
        });
        return install;
    }

    private static Command Uninstall()
    {
        var (name, prefix) = (NameOption(), PrefixOption());
        var uninstall = new Command("uninstall", "Remove the kernelspec written by `kernel install`.") { name, prefix };
        uninstall.SetAction((ParseResult parse) =>
        {
            var kernels = KernelsDirectory(parse.GetValue(prefix));
            var kernelName = parse.GetValue(name)!;
            bool removed;
            try
            {
                removed = KernelSpec.Uninstall(kernels, kernelName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var target = Path.Combine(kernels, kernelName);
                Console.Error.WriteLine($"error: cannot remove the kernelspec '{target}': {FileProblem.DescribeWrite(target, ex)}");
                return ExitCodes.BadInput;
            }

            if (!removed)
            {
                Console.Error.WriteLine($"error: no kernelspec '{kernelName}' in {kernels}");
                return ExitCodes.BadInput;
            }

            Console.WriteLine($"Removed kernelspec '{kernelName}' from {kernels}");
            return ExitCodes.Ok;
        });
        return uninstall;
    }

    private static Option<string> NameOption()
    {
        var name = new Option<string>("--name")
        {
            Description = $"The kernelspec's name (default '{KernelSpec.DefaultName}'); letters, digits, '.', '_', '-'.",
            HelpName = "NAME",
            DefaultValueFactory = _ => KernelSpec.DefaultName,
        };
        name.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => !KernelSpec.IsValidName(t.Value)))
            {
                result.AddError("--name may contain only letters, digits, '.', '_' and '-'.");
            }
        });
        return name;
    }

    private static Option<string?> PrefixOption() => new("--prefix")
    {
        Description = "Use DIR/share/jupyter/kernels/NAME (the layout of `jupyter kernelspec install --prefix`; add DIR/share/jupyter to JUPYTER_PATH if it is not a standard prefix).",
        HelpName = "DIR",
    };

    private static string KernelsDirectory(string? prefix) => prefix is null ? KernelSpec.UserKernelsDirectory() : KernelSpec.PrefixKernelsDirectory(prefix);

    /// <summary>
    /// The command that starts this very program as a kernel, with <c>{connection_file}</c> for the connection file: the
    /// kernelspec's argv, and what <c>new KernelStartInfo(KernelCommand.LaunchArgv())</c> starts for an isolated notebook
    /// run. An installed .NET tool runs from its versioned folder (<c>TOOLS/.store/barometer.notebooks/0.9.0/…</c>),
    /// which <c>dotnet tool update</c> removes, so for a tool the command is the tool path's own <c>barometer</c>
    /// (<see cref="ToolCommand"/>), which updates keep; otherwise the executable itself (the apphost, or
    /// <c>dotnet …/barometer.dll</c>; never <c>dotnet run</c>).
    /// </summary>
    public static List<string> LaunchArgv()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable is running.");
        var assembly = typeof(KernelCommand).Assembly.Location;
        var argv = new List<string>();
        if ((ToolCommand(process) ?? ToolCommand(assembly)) is { } tool)
        {
            argv.Add(tool);
        }
        else
        {
            argv.Add(process);
            if (string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase))
            {
                argv.Add(assembly);
            }
        }

        argv.AddRange(["kernel", "start", "-f", "{connection_file}"]);
        return argv;
    }

    /// <summary>
    /// For a file of an installed .NET tool (under <c>TOOLS/.store/</c>, where <c>dotnet tool install --tool-path TOOLS</c>
    /// or <c>--global</c>, TOOLS = <c>~/.dotnet/tools</c>, put it), the tool's command in TOOLS (<c>TOOLS/barometer</c>),
    /// when it is there; else null.
    /// </summary>
    public static string? ToolCommand(string path)
    {
        for (var directory = Path.GetDirectoryName(path); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Path.GetFileName(directory) == ".store")
            {
                var command = Path.Combine(Path.GetDirectoryName(directory)!, OperatingSystem.IsWindows() ? "barometer.exe" : "barometer");
                return File.Exists(command) ? command : null;
            }
        }

        return null;
    }

    /// <summary>
    /// As ipykernel on Unix: when the front end that started the kernel (JPY_PARENT_PID, set by jupyter_client and
    /// <see cref="KernelClient"/>) is gone, the kernel shuts down instead of living on as an orphan.
    /// </summary>
    private static Timer? WatchParent(CancellationTokenSource stop)
    {
        if (OperatingSystem.IsWindows() ||
            !int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), NumberStyles.None, CultureInfo.InvariantCulture, out var parent) || parent <= 1)
        {
            return null;
        }

        return new Timer(_ =>
        {
            if (!IsRunning(parent) && !stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"kernel: the front end (process {parent}) is gone; shutting down.");
                stop.Cancel();
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string JitProfileDirectory()
    {
        var baseDirectory = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(baseDirectory) ? Path.GetTempPath() : baseDirectory, "barometer", "jit-profiles");
    }

    /// <summary>
    /// Package restore progress as lines of the kernel's log. Written to the process's standard error stream directly:
    /// <see cref="Console.Error"/> is captured into the running cell's output.
    /// </summary>
    private sealed class PackageLog : IProgress<Kernel.Packages.PackageProgress>
    {
        private static readonly TextWriter Log = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });

        public void Report(Kernel.Packages.PackageProgress value)
        {
            var time = value.Duration is { } d && value.Stage == Kernel.Packages.PackageProgressStage.Restored
                ? $" in {d.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s"
                : string.Empty;
            Log.WriteLine($"packages: {value.Message}{time}");
        }
    }
}
