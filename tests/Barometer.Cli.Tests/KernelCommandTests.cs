using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

namespace Barometer.Cli.Tests;

public class KernelCommandTests
{
    [Fact]
    public async Task Install_writes_a_kernelspec_that_launches_this_executable_and_a_client_can_run_a_cell_through_it()
    {
        var prefix = Path.Combine(Path.GetTempPath(), "barometer-kernel-install-" + Guid.NewGuid().ToString("N"));
        try
        {
            var install = CliRunner.Run(null, "kernel", "install", "--prefix", prefix, "--name", "csharp-test", "--display-name", "C# test");
            Assert.True(install.ExitCode == 0, install.Stderr);

            var spec = Path.Combine(prefix, "share", "jupyter", "kernels", "csharp-test");
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(spec, "kernel.json")))!.AsObject();
            var argv = json["argv"]!.AsArray().Select(a => (string)a!).ToList();
            Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(argv[0]));
            Assert.Equal(Path.Combine(AppContext.BaseDirectory, "barometer.dll"), argv[1]);
            Assert.Equal(["kernel", "start", "-f", "{connection_file}"], argv[2..]);
            Assert.DoesNotContain("run", argv);
            Assert.Equal(("C# test", "C#", "message"), ((string?)json["display_name"], (string?)json["language"], (string?)json["interrupt_mode"]));
            Assert.True(File.Exists(Path.Combine(spec, "logo-32x32.png")) && File.Exists(Path.Combine(spec, "logo-64x64.png")));

            await using var kernel = await KernelClient.StartAsync(KernelStartInfo.FromKernelSpec(spec));
            var outcome = await kernel.ExecuteToEndAsync("Console.WriteLine(\"from the installed kernel\");");
            Assert.Equal("ok", outcome.Status);
            Assert.Contains(outcome.Outputs, m => m.MessageType == "stream" && (string?)m.Content["text"] == "from the installed kernel\n");
            await kernel.ShutdownAsync();

            var uninstall = CliRunner.Run(null, "kernel", "uninstall", "--prefix", prefix, "--name", "csharp-test");
            Assert.Equal(0, uninstall.ExitCode);
            Assert.False(Directory.Exists(spec));
            Assert.Equal(1, CliRunner.Run(null, "kernel", "uninstall", "--prefix", prefix, "--name", "csharp-test").ExitCode);
        }
        finally
        {
            if (Directory.Exists(prefix))
            {
                Directory.Delete(prefix, recursive: true);
            }
        }
    }

    [Fact]
    public void Start_with_a_broken_connection_file_names_the_file_line_and_column_and_exits_1()
    {
        var file = Path.Combine(Path.GetTempPath(), "broken-connection-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, "{\n  \"shell_port\": ,\n}");
        try
        {
            var result = CliRunner.Run(null, "kernel", "start", "-f", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{file}: line 2, column 17", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Install_refuses_user_and_prefix_together_and_a_bad_name()
    {
        Assert.Equal(2, CliRunner.Run(null, "kernel", "install", "--user", "--prefix", "/tmp/x").ExitCode);
        Assert.Equal(2, CliRunner.Run(null, "kernel", "install", "--prefix", "/tmp/x", "--name", "bad name").ExitCode);
    }
}

public class KernelToolCommandTests
{
    [Fact]
    public void An_installed_tool_launches_through_the_tool_path_command_that_updates_keep()
    {
        var tools = Path.Combine(Path.GetTempPath(), "barometer-tool-path-" + Guid.NewGuid().ToString("N"));
        try
        {
            var versioned = Path.Combine(tools, ".store", "barometer.notebooks", "0.9.0", "barometer.notebooks", "0.9.0", "tools", "net10.0", "linux-x64");
            Directory.CreateDirectory(versioned);
            File.WriteAllText(Path.Combine(versioned, "barometer"), string.Empty);
            var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "barometer.exe" : "barometer");

            Assert.Null(Barometer.Cli.Commands.KernelCommand.ToolCommand(Path.Combine(versioned, "barometer"))); // no command in the tool path
            File.WriteAllText(command, string.Empty);
            Assert.Equal(command, Barometer.Cli.Commands.KernelCommand.ToolCommand(Path.Combine(versioned, "barometer")));
            Assert.Equal(command, Barometer.Cli.Commands.KernelCommand.ToolCommand(Path.Combine(versioned, "barometer.dll")));
            Assert.Null(Barometer.Cli.Commands.KernelCommand.ToolCommand(Path.Combine(AppContext.BaseDirectory, "barometer.dll"))); // a build
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }
}
