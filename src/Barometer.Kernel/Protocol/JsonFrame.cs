using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// A message part's JSON as UTF-8, written into one array of exactly its size: the text is measured first, then
/// written. <c>JsonNode.ToJsonString()</c> is not used for the wire because of what it leaves behind with large
/// strings (a notebook's first chart carries plotly.js, 3.6 million characters, in its <c>text/html</c>):
/// System.Text.Json escapes a string into a buffer rented from the shared array pool at six times its length (a 64 MiB
/// <c>char[]</c> for plotly.js), grows its output in pooled byte arrays (16 MiB), then makes a string of it that is
/// encoded once more; the pool keeps those arrays for the thread that rented them, so every thread that sent such a
/// message held about 90 MiB of arrays for the rest of the kernel's life. Strings are escaped minimally (quote,
/// backslash, control characters; a surrogate without its other half as <c>\uXXXX</c>, as <c>ToJsonString</c> does) and other
/// characters are written as UTF-8, which JSON allows; integers, booleans and null are written directly, other
/// numbers as System.Text.Json writes them.
/// </summary>
internal static class JsonFrame
{
    // The characters a string's run of plain text ends at: the escaped ones and surrogates (checked for pairs).
    private static readonly SearchValues<char> Special = SearchValues.Create(SpecialCharacters());

    /// <summary>The UTF-8 JSON of <paramref name="node"/> (<c>null</c> for a null node).</summary>
    public static byte[] Encode(JsonNode? node)
    {
        var measure = new Writer(null);
        measure.Write(node);
        var bytes = new byte[measure.Position];
        var write = new Writer(bytes);
        write.Write(node);
        return write.Position == bytes.Length
            ? bytes
            : throw new InvalidOperationException($"JSON measured {bytes.Length} bytes but wrote {write.Position}");
    }

    private static string SpecialCharacters()
    {
        var characters = new StringBuilder("\"\\");
        for (var c = '\0'; c < ' '; c++)
        {
            characters.Append(c);
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            characters.Append(c);
        }

        return characters.ToString();
    }

    /// <summary>Counts the bytes (no buffer) or writes them (a buffer of the counted size).</summary>
    private struct Writer(byte[]? buffer)
    {
        public int Position { get; private set; }

        public void Write(JsonNode? node)
        {
            switch (node)
            {
                case null:
                    Ascii("null");
                    break;
                case JsonObject obj:
                    Byte((byte)'{');
                    var firstProperty = true;
                    foreach (var (name, property) in obj)
                    {
                        if (!firstProperty)
                        {
                            Byte((byte)',');
                        }

                        firstProperty = false;
                        String(name);
                        Byte((byte)':');
                        Write(property);
                    }

                    Byte((byte)'}');
                    break;
                case JsonArray array:
                    Byte((byte)'[');
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (i > 0)
                        {
                            Byte((byte)',');
                        }

                        Write(array[i]);
                    }

                    Byte((byte)']');
                    break;
                default:
                    var kind = node.GetValueKind();
                    if (kind == JsonValueKind.String && node is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        String(s);
                    }
                    else if (kind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
                    {
                        Ascii(kind == JsonValueKind.True ? "true" : kind == JsonValueKind.False ? "false" : "null");
                    }
                    else if (kind == JsonValueKind.Number && node is JsonValue number && Integer(number) is { } integer)
                    {
                        // The protocol's numbers are counts (execution_count, cursor positions): no JSON writer for them,
                        // whose first use in a process is milliseconds of start-up inside the first reply.
                        Ascii(integer.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        // Another number, or a value of another CLR type: written as System.Text.Json writes it.
                        Bytes(Encoding.UTF8.GetBytes(node.ToJsonString()));
                    }

                    break;
            }
        }

        private static long? Integer(JsonValue number) =>
            number.TryGetValue<int>(out var i) ? i : number.TryGetValue<long>(out var l) ? l : null;

        private void String(string text)
        {
            Byte((byte)'"');
            var rest = text.AsSpan();
            while (!rest.IsEmpty)
            {
                var special = rest.IndexOfAny(Special);
                var plain = special < 0 ? rest : rest[..special];
                if (buffer is null)
                {
                    Position += Encoding.UTF8.GetByteCount(plain);
                }
                else
                {
                    Position += Encoding.UTF8.GetBytes(plain, buffer.AsSpan(Position));
                }

                if (special < 0)
                {
                    break;
                }

                var c = rest[special];
                if (char.IsHighSurrogate(c) && special + 1 < rest.Length && char.IsLowSurrogate(rest[special + 1]))
                {
                    var pair = rest.Slice(special, 2);
                    Position += buffer is null ? Encoding.UTF8.GetByteCount(pair) : Encoding.UTF8.GetBytes(pair, buffer.AsSpan(Position));
                    rest = rest[(special + 2)..];
                    continue;
                }

                switch (c)
                {
                    case '"':
                        Ascii("\\\"");
                        break;
                    case '\\':
                        Ascii("\\\\");
                        break;
                    case '\n':
                        Ascii("\\n");
                        break;
                    case '\r':
                        Ascii("\\r");
                        break;
                    case '\t':
                        Ascii("\\t");
                        break;
                    case '\b':
                        Ascii("\\b");
                        break;
                    case '\f':
                        Ascii("\\f");
                        break;
                    default:
                        // Another control character, or a surrogate without its other half.
                        Ascii("\\u");
                        Ascii(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }

                rest = rest[(special + 1)..];
            }

            Byte((byte)'"');
        }

        private void Ascii(string text)
        {
            if (buffer is not null)
            {
                for (var i = 0; i < text.Length; i++)
                {
                    buffer[Position + i] = (byte)text[i];
                }
            }

            Position += text.Length;
        }

        private void Bytes(byte[] bytes)
        {
            if (buffer is not null)
            {
                bytes.CopyTo(buffer, Position);
            }

            Position += bytes.Length;
        }

        private void Byte(byte b)
        {
            if (buffer is not null)
            {
                buffer[Position] = b;
            }

            Position++;
        }
    }
}
