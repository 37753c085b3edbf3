using System.Text;
using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;

namespace Barometer.Kernel.Tests.Protocol;

public class WireFormatTests
{
    private static JupyterMessage Sample() =>
        JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1 + 1" }, "session-1", identities: [Encoding.UTF8.GetBytes("client-a")]);

    [Fact]
    public void Encoded_message_has_identities_delimiter_signature_and_four_json_frames_and_decodes_back()
    {
        var signer = new MessageSigner("secret");
        var frames = WireFormat.Frames(WireFormat.Encode(Sample(), signer));

        Assert.Equal("client-a", Encoding.UTF8.GetString(frames[0]));
        Assert.Equal("<IDS|MSG>", Encoding.UTF8.GetString(frames[1]));
        Assert.Equal(64, frames[2].Length); // hex of a SHA-256 HMAC
        Assert.Equal(7, frames.Count);
        Assert.True(WireFormat.TryDecode(frames, signer, out var decoded, out var problem), problem);
        Assert.Equal("execute_request", decoded!.MessageType);
        Assert.Equal("5.3", (string?)decoded.Header["version"]);
        Assert.Equal("1 + 1", (string?)decoded.Content["code"]);
        Assert.Equal("client-a", Encoding.UTF8.GetString(Assert.Single(decoded.Identities)));
    }

    [Fact]
    public void Signature_is_the_hex_HMAC_SHA256_of_header_parent_metadata_content()
    {
        var frames = WireFormat.Frames(WireFormat.Encode(Sample(), new MessageSigner("secret")));
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes("secret"));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(frames.Skip(3).Take(4).SelectMany(f => f).ToArray()));

        Assert.Equal(expected, Encoding.ASCII.GetString(frames[2]));
    }

    [Fact]
    public void A_message_signed_with_another_key_or_tampered_with_is_rejected()
    {
        var wrongKey = WireFormat.Frames(WireFormat.Encode(Sample(), new MessageSigner("other")));
        var tampered = WireFormat.Frames(WireFormat.Encode(Sample(), new MessageSigner("secret")));
        tampered[6] = Encoding.UTF8.GetBytes("{\"code\":\"Environment.Exit(1)\"}");
        var unsigned = WireFormat.Frames(WireFormat.Encode(Sample(), new MessageSigner(string.Empty)));

        var signer = new MessageSigner("secret");
        Assert.False(WireFormat.TryDecode(wrongKey, signer, out _, out var problem));
        Assert.Contains("signature", problem, StringComparison.Ordinal);
        Assert.False(WireFormat.TryDecode(tampered, signer, out _, out _));
        Assert.False(WireFormat.TryDecode(unsigned, signer, out _, out _));
    }

    [Fact]
    public void A_message_received_twice_byte_for_byte_is_rejected_the_second_time_as_a_replay()
    {
        var signer = new MessageSigner("secret");
        var history = new SignatureHistory();
        var frames = WireFormat.Frames(WireFormat.Encode(Sample(), signer));
        var upperCaseSignature = frames.ToList();
        upperCaseSignature[2] = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(frames[2]).ToUpperInvariant());

        Assert.True(WireFormat.TryDecode(frames, signer, history, out _, out var first), first);
        Assert.False(WireFormat.TryDecode(frames, signer, history, out var replayed, out var problem));
        Assert.Null(replayed);
        Assert.Contains("duplicate signature", problem, StringComparison.Ordinal);
        Assert.Contains("execute_request", problem, StringComparison.Ordinal);
        Assert.False(WireFormat.TryDecode(upperCaseSignature, signer, history, out _, out _));
        Assert.True(WireFormat.TryDecode(WireFormat.Frames(WireFormat.Encode(Sample(), signer)), signer, history, out _, out var fresh), fresh);
    }

    [Fact]
    public void A_rejected_message_does_not_enter_the_history_and_the_history_forgets_its_oldest_past_its_capacity()
    {
        var signer = new MessageSigner("secret");
        var history = new SignatureHistory(capacity: 2);
        var tampered = WireFormat.Frames(WireFormat.Encode(Sample(), signer));
        tampered[6] = "{\"code\":\"2\"}"u8.ToArray();
        Assert.False(WireFormat.TryDecode(tampered, signer, history, out _, out _));
        Assert.Equal(0, history.Count);

        var messages = Enumerable.Range(0, 3).Select(_ => WireFormat.Frames(WireFormat.Encode(Sample(), signer))).ToList();
        Assert.All(messages, m => Assert.True(WireFormat.TryDecode(m, signer, history, out _, out _)));

        Assert.Equal(2, history.Count);
        Assert.False(WireFormat.TryDecode(messages[2], signer, history, out _, out _));
        Assert.True(WireFormat.TryDecode(messages[0], signer, history, out _, out _)); // forgotten: bounded memory
    }

    [Fact]
    public void Malformed_frames_are_rejected_with_a_reason()
    {
        var signer = new MessageSigner(string.Empty);
        Assert.False(WireFormat.TryDecode([Encoding.UTF8.GetBytes("x")], signer, out _, out var noDelimiter));
        Assert.Contains("delimiter", noDelimiter, StringComparison.Ordinal);
        Assert.False(WireFormat.TryDecode([WireFormat.Delimiter, [], "{}"u8.ToArray()], signer, out _, out var tooShort));
        Assert.Contains("frames", tooShort, StringComparison.Ordinal);
        Assert.False(WireFormat.TryDecode([WireFormat.Delimiter, [], "[1]"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()], signer, out _, out var notObject));
        Assert.Contains("header", notObject, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_empty_key_messages_are_unsigned_and_accepted()
    {
        var frames = WireFormat.Frames(WireFormat.Encode(Sample(), new MessageSigner(string.Empty)));

        Assert.Empty(frames[2]);
        Assert.True(WireFormat.TryDecode(frames, new MessageSigner(string.Empty), out _, out _));
    }

    [Fact]
    public void A_reply_copies_the_parent_header_and_routing_identities()
    {
        var request = Sample();
        var reply = JupyterMessage.Create("execute_reply", new JsonObject(), "kernel-session", request);

        Assert.Equal(request.MessageId, reply.ParentMessageId);
        Assert.Equal(request.Identities, reply.Identities);
        Assert.NotEqual(request.MessageId, reply.MessageId);
    }
}
