using System.Globalization;
using System.Net.Sockets;
using NetMQ;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// Binds one of the kernel's sockets to its port of the connection file; when the port cannot be bound (another
/// process listens on it, the address is not this machine's) the error names the channel, the port and the endpoint.
/// </summary>
internal static class ChannelBinding
{
    /// <summary>Binds <paramref name="socket"/> to <paramref name="port"/> of <paramref name="connection"/>.</summary>
    /// <param name="channel">The Jupyter channel the socket serves: <c>shell</c>, <c>iopub</c>, <c>stdin</c>, <c>control</c> or <c>heartbeat</c>.</param>
    /// <exception cref="ChannelBindException">The port cannot be bound.</exception>
    public static void Bind(NetMQSocket socket, ConnectionInfo connection, string channel, int port)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(connection);
        var endpoint = connection.Endpoint(port);
        try
        {
            socket.Bind(endpoint);
        }
        catch (AddressAlreadyInUseException ex)
        {
            throw new ChannelBindException(channel, port, endpoint, "the port is already in use by another process", ex);
        }
        catch (NetMQException ex)
        {
            var reason = ex.InnerException is SocketException socketError ? socketError.Message : ex.ErrorCode.ToString();
            throw new ChannelBindException(channel, port, endpoint, reason, ex);
        }
    }
}

/// <summary>A kernel socket that cannot be bound to its port; the message names the channel, the port and the reason.</summary>
public sealed class ChannelBindException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ChannelBindException(string channel, int port, string endpoint, string reason, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"the {channel} channel cannot listen on port {port} ({endpoint}): {reason}"), innerException)
    {
        Channel = channel;
        Port = port;
        Endpoint = endpoint;
        Reason = reason;
    }

    /// <summary>The Jupyter channel (<c>shell</c>, <c>iopub</c>, <c>stdin</c>, <c>control</c>, <c>heartbeat</c>).</summary>
    public string Channel { get; }

    /// <summary>The port of the connection file.</summary>
    public int Port { get; }

    /// <summary>The ZeroMQ endpoint, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Why it cannot be bound.</summary>
    public string Reason { get; }
}
