using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Protocol;

public class ConnectionInfoTests
{
    private const string Sample = """
        {
          "shell_port": 50001, "iopub_port": 50002, "stdin_port": 50003, "control_port": 50004, "hb_port": 50005,
          "ip": "127.0.0.1", "key": "a0b1", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "csharp"
        }
        """;

    [Fact]
    public void Parses_the_five_ports_key_and_transport()
    {
        var info = ConnectionInfo.Parse(Sample);

        Assert.Equal((50001, 50002, 50003, 50004, 50005), (info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort));
        Assert.Equal("a0b1", info.Key);
        Assert.Equal("tcp://127.0.0.1:50004", info.Endpoint(info.ControlPort));
        Assert.Equal("ipc://kernel-ipc-7", (info with { Transport = "ipc", Ip = "kernel-ipc" }).Endpoint(7));
    }

    [Fact]
    public void Bad_files_are_reported_with_file_line_and_column()
    {
        var syntax = Assert.Throws<FormatException>(() => ConnectionInfo.Parse("{\n  \"shell_port\": ,\n}", "conn.json"));
        Assert.StartsWith("conn.json: line 2, column 17:", syntax.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<FormatException>(() => ConnectionInfo.Parse(Sample.Replace("\"hb_port\": 50005,", string.Empty, StringComparison.Ordinal), "conn.json"));
        Assert.Equal("conn.json: 'hb_port' is missing.", missing.Message);
        var scheme = Assert.Throws<FormatException>(() => ConnectionInfo.Parse(Sample.Replace("hmac-sha256", "hmac-md5", StringComparison.Ordinal), "conn.json"));
        Assert.Contains("hmac-md5", scheme.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_ports_with_a_random_key_round_trip_through_a_file()
    {
        using var dir = new TempDirectory();
        var info = ConnectionInfo.CreateWithFreePorts();
        await info.SaveAsync(dir.File("c.json"));

        Assert.Equal(5, new[] { info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort }.Distinct().Count());
        Assert.Equal(64, info.Key.Length);
        Assert.NotEqual(info.Key, ConnectionInfo.CreateWithFreePorts().Key);
        Assert.Equal(info, ConnectionInfo.Load(dir.File("c.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("c.json"))); // the key is a secret
        }
    }
}
