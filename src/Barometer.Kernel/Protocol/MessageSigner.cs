using System.Security.Cryptography;
using System.Text;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// HMAC-SHA256 signatures of Jupyter messages: the hex digest of header, parent header, metadata and content
/// (the four JSON frames, as sent). With an empty key messages are not signed and every signature is accepted
/// (Jupyter's convention for an unsecured connection).
/// </summary>
internal sealed class MessageSigner
{
    private readonly byte[] _key;

    /// <summary>Creates a signer for the connection file's key.</summary>
    public MessageSigner(string key) => _key = Encoding.UTF8.GetBytes(key ?? string.Empty);

    /// <summary>True when messages are signed (the key is not empty).</summary>
    public bool IsSigning => _key.Length > 0;

    /// <summary>The lower-case hex signature of the four frames (empty when not signing).</summary>
    public string Sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) =>
        IsSigning ? Convert.ToHexStringLower(Digest(header, parentHeader, metadata, content)) : string.Empty;

    /// <summary>Checks a received signature in constant time.</summary>
    public bool Verify(string signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content)
    {
        if (!IsSigning)
        {
            return true;
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(received, Digest(header, parentHeader, metadata, content));
    }

    private byte[] Digest(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return hmac.GetHashAndReset();
    }
}
