using System.Threading.Channels;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Server.Transport;

/// <summary>
/// A transport without sockets, for protocol tests of the server in one process (xeus tests its kernel core against a
/// mock server the same way). The test plays the front end: <see cref="Deliver"/> sends it a message, <see cref="Sent"/>
/// is everything the kernel sent, in the order it sent it, each with its channel. Both directions go through the wire
/// format (JSON frames, buffers, an HMAC signature with <see cref="Key"/>), so a message the kernel could not put on the
/// wire fails here too; received messages are verified and checked for replays as on the sockets.
/// </summary>
internal sealed class InMemoryTransport : IKernelTransport
{
    private readonly MessageSigner _signer;
    private readonly SignatureHistory _signatures = new();
    private readonly TextWriter _log;
    private readonly Channel<(KernelChannel Channel, List<byte[]> Frames)> _incoming = Channel.CreateUnbounded<(KernelChannel, List<byte[]>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SentMessage> _sent = Channel.CreateUnbounded<SentMessage>();

    /// <summary>Creates a transport whose messages are signed with <paramref name="key"/> (a fresh random key if null).</summary>
    public InMemoryTransport(string? key = null, TextWriter? log = null)
    {
        Key = key ?? Guid.NewGuid().ToString("N");
        _signer = new MessageSigner(Key);
        _log = log ?? TextWriter.Null;
    }

    /// <summary>The signing key both sides use.</summary>
    public string Key { get; }

    /// <summary>Every message the kernel sent, in order; completed when the transport stops.</summary>
    public ChannelReader<SentMessage> Sent => _sent.Reader;

    /// <summary>As a front end: sends <paramref name="message"/> to the kernel on <paramref name="channel"/>, signed with <see cref="Key"/>.</summary>
    public void Deliver(KernelChannel channel, JupyterMessage message) => Deliver(channel, WireFormat.Frames(WireFormat.Encode(message, _signer)));

    /// <summary>As a front end: sends raw frames (e.g. a forged or replayed message).</summary>
    public void Deliver(KernelChannel channel, List<byte[]> frames) => _incoming.Writer.TryWrite((channel, frames));

    public async Task RunAsync(Action<KernelChannel, JupyterMessage> receive, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (channel, frames) in _incoming.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (WireFormat.TryDecode(frames, _signer, _signatures, out var message, out var problem))
                {
                    receive(channel, message!);
                }
                else
                {
                    _log.WriteLine($"kernel: rejected a message on {channel.ToString().ToLowerInvariant()}: {problem}; it was not acted on.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Send(KernelChannel channel, JupyterMessage message)
    {
        if (!WireFormat.TryDecode(WireFormat.Frames(WireFormat.Encode(message, _signer)), _signer, out var received, out var problem))
        {
            throw new InvalidOperationException($"The kernel sent a message that does not decode: {problem}");
        }

        _sent.Writer.TryWrite(new SentMessage(channel, received!));
    }

    /// <summary>Ends <see cref="Sent"/> (what was sent stays readable).</summary>
    public void Dispose() => _sent.Writer.TryComplete();
}
