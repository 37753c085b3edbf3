using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Barometer.IO;
using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// A Jupyter connection file: where the kernel's five sockets are (transport, IP, ports) and the key that signs
/// every message. Front ends write it and start the kernel with its path; <see cref="KernelClient"/> writes one
/// with free ports and a random key.
/// </summary>
public sealed record ConnectionInfo
{
    /// <summary>The only signature scheme supported (and the one every front end uses).</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary><c>tcp</c> or <c>ipc</c>.</summary>
    public string Transport { get; init; } = "tcp";

    /// <summary>The IP address to bind/connect (for <c>ipc</c>, the path prefix).</summary>
    public string Ip { get; init; } = "127.0.0.1";

    /// <summary>Port of the shell ROUTER.</summary>
    public int ShellPort { get; init; }

    /// <summary>Port of the iopub PUB.</summary>
    public int IOPubPort { get; init; }

    /// <summary>Port of the stdin ROUTER.</summary>
    public int StdinPort { get; init; }

    /// <summary>Port of the control ROUTER.</summary>
    public int ControlPort { get; init; }

    /// <summary>Port of the heartbeat REP.</summary>
    public int HeartbeatPort { get; init; }

    /// <summary>The HMAC key; empty means messages are not signed (Jupyter's "no security").</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The signature scheme; only <see cref="HmacSha256"/> is supported.</summary>
    public string SignatureScheme { get; init; } = HmacSha256;

    /// <summary>The ZeroMQ endpoint of a port, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Endpoint(int port) => Transport == "ipc"
        ? $"ipc://{Ip}-{port.ToString(CultureInfo.InvariantCulture)}"
        : $"tcp://{Ip}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads a connection file.</summary>
    /// <exception cref="FormatException">The file is not valid JSON or misses a field; the message names the file (and line/column for JSON syntax errors).</exception>
    public static ConnectionInfo Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path}: cannot read the connection file: {FileProblem.DescribeRead(path, ex)}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses a connection file's text; <paramref name="source"/> names it in errors.</summary>
    public static ConnectionInfo Parse(string json, string source = "connection file")
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException($"{source}: line 1, column 1: a connection file is a JSON object.");
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new FormatException($"{source}: line {line}, column {column}: not valid JSON ({ex.Message})", ex);
        }

        var info = new ConnectionInfo
        {
            Transport = String(root, "transport", source, "tcp"),
            Ip = String(root, "ip", source, "127.0.0.1"),
            ShellPort = Port(root, "shell_port", source),
            IOPubPort = Port(root, "iopub_port", source),
            StdinPort = Port(root, "stdin_port", source),
            ControlPort = Port(root, "control_port", source),
            HeartbeatPort = Port(root, "hb_port", source),
            Key = String(root, "key", source, string.Empty),
            SignatureScheme = String(root, "signature_scheme", source, HmacSha256),
        };
        if (info.Transport is not ("tcp" or "ipc"))
        {
            throw new FormatException($"{source}: transport '{info.Transport}' is not supported (tcp or ipc).");
        }

        if (info.Key.Length > 0 && info.SignatureScheme != HmacSha256)
        {
            throw new FormatException($"{source}: signature_scheme '{info.SignatureScheme}' is not supported (only {HmacSha256}).");
        }

        return info;
    }

    /// <summary>A connection on <paramref name="ip"/> with five currently free TCP ports and a random key.</summary>
    public static ConnectionInfo CreateWithFreePorts(string ip = "127.0.0.1")
    {
        var address = IPAddress.Parse(ip);
        var listeners = Enumerable.Range(0, 5).Select(_ =>
        {
            var listener = new TcpListener(address, 0);
            listener.Start();
            return listener;
        }).ToList();
        try
        {
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return new ConnectionInfo
            {
                Ip = ip,
                ShellPort = ports[0],
                IOPubPort = ports[1],
                StdinPort = ports[2],
                ControlPort = ports[3],
                HeartbeatPort = ports[4],
                Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            };
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>The connection file's JSON.</summary>
    public string ToJson() => new JsonObject
    {
        ["transport"] = Transport,
        ["ip"] = Ip,
        ["shell_port"] = ShellPort,
        ["iopub_port"] = IOPubPort,
        ["stdin_port"] = StdinPort,
        ["control_port"] = ControlPort,
        ["hb_port"] = HeartbeatPort,
        ["key"] = Key,
        ["signature_scheme"] = SignatureScheme,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// Writes the connection file (temp file + rename), readable and writable by its owner only (0600 on Unix from
    /// its creation): the key in it lets whoever reads it run code as this user.
    /// </summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) => AtomicFile.WritePrivateTextAsync(path, ToJson(), cancellationToken);

    private static string String(JsonObject root, string name, string source, string fallback) => root[name] switch
    {
        null => fallback,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new FormatException($"{source}: '{name}' must be a string."),
    };

    private static int Port(JsonObject root, string name, string source) => root[name] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var port) && port is > 0 and < 65536 => port,
        null => throw new FormatException($"{source}: '{name}' is missing."),
        _ => throw new FormatException($"{source}: '{name}' must be a port number (1-65535)."),
    };
}
