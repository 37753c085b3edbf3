using System.Buffers;
using System.Text;

namespace Barometer.Analysis.Tables;

/// <summary>
/// Turns a data file's bytes into text, strictly: UTF-8 (an optional byte-order mark is skipped), or UTF-16 when the
/// file starts with its byte-order mark. Anything else is one located error instead of text silently corrupted to
/// U+FFFD: invalid UTF-8 is reported at the line and character column of the first bad byte; NUL bytes without a
/// byte-order mark (UTF-16 saved without one) are reported once for the file.
/// </summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="bytes"/>, or null and the one error that says why it is not text.</summary>
    public static (string? Text, DataError? Error) Decode(ReadOnlySpan<byte> bytes, string displayPath)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Utf16(bytes[2..], bigEndian: false, displayPath);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Utf16(bytes[2..], bigEndian: true, displayPath);
        }

        if (bytes.IndexOf((byte)0) is var nul and >= 0)
        {
            var (line, column) = Position(bytes[..nul]);
            return (null, new DataError(displayPath, line, column,
                "the file contains NUL bytes: it looks like UTF-16 saved without a byte-order mark; save it as UTF-8"));
        }
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (StrictUtf8.GetString(bytes), null);
        }

        var bad = FirstInvalid(bytes);
        var (badLine, badColumn) = Position(bytes[..bad]);
        return (null, new DataError(displayPath, badLine, badColumn,
            $"invalid UTF-8 (byte 0x{bytes[bad]:X2}): the file must be UTF-8; it may have been saved as Latin-1 or Windows-1252"));
    }

    private static (string?, DataError?) Utf16(ReadOnlySpan<byte> bytes, bool bigEndian, string displayPath)
    {
        try
        {
            return (new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, new DataError(displayPath, 1, 1, $"invalid UTF-16{(bigEndian ? "BE" : "LE")} after its byte-order mark; save the file as UTF-8"));
        }
    }

    /// <summary>Byte offset of the first byte that does not start a valid UTF-8 sequence.</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }
        return bytes.Length;
    }

    /// <summary>The 1-based line and character (UTF-16) column just after <paramref name="before"/>, which is valid UTF-8.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> before)
    {
        var lastBreak = before.LastIndexOfAny((byte)'\n', (byte)'\r');
        var line = 1 + before.Count((byte)'\n') + before.Count((byte)'\r') - before.Count("\r\n"u8);
        var tail = before[(lastBreak + 1)..];
        var column = 1 + (System.Text.Unicode.Utf8.IsValid(tail) ? StrictUtf8.GetCharCount(tail) : tail.Length);
        return (line, column);
    }
}
