using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace Barometer.Kernel.Language;

/// <summary>
/// The XML documentation file of an assembly (<c>System.Runtime.xml</c>: 7.6 MB), read one member at a time. Roslyn's
/// <c>XmlDocumentationProvider.CreateFromFile</c> loads the whole file as an <c>XDocument</c> on the first request and
/// keeps every member's text as a string (for <c>System.Runtime.xml</c> about 15 MB kept, several times that while it
/// loads: 18 MiB of a kernel's peak). This one scans the file's bytes once for the <c>&lt;member name="…"&gt;</c>
/// elements and keeps each name's offset; a request reads that one element from the file.
/// </summary>
internal sealed class IndexedXmlDocumentation : DocumentationProvider
{
    private static readonly byte[] MemberStart = "<member name=\""u8.ToArray();
    private static readonly XmlReaderSettings Fragment = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    private readonly string _path;
    private readonly object _gate = new();
    private Dictionary<string, (int Offset, int Length)>? _members;

    public IndexedXmlDocumentation(string path) => _path = path;

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default)
    {
        try
        {
            var members = Members();
            if (!members.TryGetValue(documentationMemberID, out var place))
            {
                return null;
            }

            var bytes = new byte[place.Length];
            using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
            {
                file.Position = place.Offset;
                file.ReadExactly(bytes);
            }

            // The element as Roslyn's provider gives it (its XElement's text).
            using var reader = XmlReader.Create(new MemoryStream(bytes), Fragment);
            reader.MoveToContent();
            return System.Xml.Linq.XElement.Load(reader).ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }
    }

    /// <summary>The members' names with where their elements are in the file (read once).</summary>
    internal Dictionary<string, (int Offset, int Length)> Members()
    {
        lock (_gate)
        {
            return _members ??= Index(File.ReadAllBytes(_path));
        }
    }

    private static Dictionary<string, (int Offset, int Length)> Index(byte[] file)
    {
        var members = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var text = file.AsSpan();
        var position = 0;
        while (true)
        {
            var start = text[position..].IndexOf(MemberStart);
            if (start < 0)
            {
                return members;
            }

            start += position;
            var nameStart = start + MemberStart.Length;
            var nameLength = text[nameStart..].IndexOf((byte)'"');
            if (nameLength < 0)
            {
                return members;
            }

            // The element ends at its "</member>", or at "/>" after the name for an empty one.
            var afterName = nameStart + nameLength + 1;
            while (afterName < text.Length && text[afterName] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                afterName++;
            }

            int end;
            if (text[afterName..].StartsWith("/>"u8))
            {
                end = afterName + 2;
            }
            else
            {
                var close = text[afterName..].IndexOf("</member>"u8);
                if (close < 0)
                {
                    return members;
                }

                end = afterName + close + "</member>".Length;
            }

            var name = Encoding.UTF8.GetString(text.Slice(nameStart, nameLength));
            members.TryAdd(name.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(name) : name, (start, end - start));
            position = end;
        }
    }

    public override bool Equals(object? obj) => obj is IndexedXmlDocumentation other && string.Equals(other._path, _path, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_path);
}
