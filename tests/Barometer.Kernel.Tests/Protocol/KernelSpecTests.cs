using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Barometer.Kernel.Protocol;
using Barometer.Kernel.Tests.Support;

namespace Barometer.Kernel.Tests.Protocol;

public class KernelSpecTests
{
    [Fact]
    public async Task Install_writes_kernel_json_and_two_logos_and_uninstall_removes_them()
    {
        using var dir = new TempDirectory();
        var kernels = KernelSpec.PrefixKernelsDirectory(dir.Path);

        var path = await KernelSpec.InstallAsync(kernels, "csharp", "C# (Roslyn)", ["/opt/tool/barometer", "kernel", "start", "-f", "{connection_file}"]);

        Assert.Equal(Path.Combine(dir.Path, "share", "jupyter", "kernels", "csharp"), path);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(path, "kernel.json")))!.AsObject();
        Assert.Equal("C#", (string?)json["language"]);
        Assert.Equal("message", (string?)json["interrupt_mode"]);
        Assert.Equal("C# (Roslyn)", (string?)json["display_name"]);
        Assert.Equal("{connection_file}", (string?)json["argv"]![4]);
        Assert.True(KernelSpec.Uninstall(kernels, "csharp"));
        Assert.False(Directory.Exists(path));
        Assert.False(KernelSpec.Uninstall(kernels, "csharp"));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Logos_are_valid_PNGs_of_their_size(int size)
    {
        var png = KernelSpec.Logo(size);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

        // Every chunk's CRC is right, and the pixel data inflates to size rows of (1 + 4 × size) bytes.
        var offset = 8;
        var idat = new MemoryStream();
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc32(png.AsSpan(offset + 4, 4 + length)), crc);
            if (type == "IDAT")
            {
                idat.Write(png, offset + 8, length);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        Assert.Equal(size * (1 + (4 * size)), inflated.Length);
    }

    /// <summary>Bitwise CRC-32 (ISO 3309), independent of the encoder's table.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public async Task Bad_names_and_an_argv_without_the_connection_file_are_refused()
    {
        using var dir = new TempDirectory();
        await Assert.ThrowsAsync<ArgumentException>(() => KernelSpec.InstallAsync(dir.Path, "c sharp", "x", ["k", "{connection_file}"]));
        await Assert.ThrowsAsync<ArgumentException>(() => KernelSpec.InstallAsync(dir.Path, "csharp", "x", ["k"]));
    }
}
