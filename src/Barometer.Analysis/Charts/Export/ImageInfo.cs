using System.Buffers.Binary;
using System.Globalization;
using System.Xml;

namespace Barometer.Analysis.Charts.Export;

/// <summary>Reads the pixel size of PNG and SVG files (to check rendered images).</summary>
internal static class ImageInfo
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the PNG's IHDR chunk, or null when <paramref name="png"/> is not a PNG.</summary>
    public static (int Width, int Height)? PngSize(ReadOnlySpan<byte> png)
    {
        if (png.Length < 24 || !png[..8].SequenceEqual(PngSignature) || !png[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png[16..20]), (int)BinaryPrimitives.ReadUInt32BigEndian(png[20..24]));
    }

    /// <summary>The root <c>svg</c> element's width and height attributes (pixels), or null when absent or not an SVG.</summary>
    public static (double Width, double Height)? SvgSize(string svg)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "svg")
            {
                return null;
            }

            return Pixels(reader.GetAttribute("width")) is { } w && Pixels(reader.GetAttribute("height")) is { } h ? (w, h) : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static double? Pixels(string? value) =>
        value is not null && double.TryParse(value.EndsWith("px", StringComparison.Ordinal) ? value[..^2] : value,
            NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
