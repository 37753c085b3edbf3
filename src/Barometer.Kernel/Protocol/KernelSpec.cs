using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Barometer.IO;
using Barometer.Kernel.Documents;

namespace Barometer.Kernel.Protocol;

/// <summary>
/// A Jupyter kernelspec for this kernel: the folder <c>kernels/NAME/</c> with <c>kernel.json</c> (argv,
/// display name, language <c>C#</c>, <c>interrupt_mode</c> <c>message</c>) and 32×32 / 64×64 PNG logos, in the
/// user's Jupyter data folder or under a prefix (<c>PREFIX/share/jupyter/kernels/NAME/</c>, the layout of
/// <c>jupyter kernelspec install --prefix</c>).
/// </summary>
public static partial class KernelSpec
{
    /// <summary>The default kernel name.</summary>
    public const string DefaultName = "csharp";

    /// <summary>The default display name.</summary>
    public const string DefaultDisplayName = "C# (Roslyn)";

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();

    /// <summary>True when <paramref name="name"/> is a valid kernel name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>The user's Jupyter kernels folder: <c>kernels</c> in <see cref="JupyterPaths.DataDirectory"/>.</summary>
    public static string UserKernelsDirectory() => Path.Combine(JupyterPaths.DataDirectory(), "kernels");

    /// <summary>The kernels folder under an installation prefix.</summary>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>The <c>kernel.json</c> content.</summary>
    /// <param name="argv">The command that starts the kernel; must contain <c>{connection_file}</c>.</param>
    /// <param name="displayName">The name front ends show.</param>
    public static JsonObject KernelJson(IReadOnlyList<string> argv, string displayName) => new()
    {
        ["argv"] = new JsonArray(argv.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        ["display_name"] = displayName,
        ["language"] = "C#",
        ["interrupt_mode"] = "message",
        ["metadata"] = new JsonObject(),
    };

    /// <summary>Writes the kernelspec folder <c>kernelsDirectory/name/</c> (replacing an older one) and returns its path.</summary>
    public static async Task<string> InstallAsync(string kernelsDirectory, string name, string displayName, IReadOnlyList<string> argv, CancellationToken cancellationToken = default)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid kernel name: use letters, digits, '.', '_' and '-'.", nameof(name));
        }

        if (!argv.Any(a => a.Contains("{connection_file}", StringComparison.Ordinal)))
        {
            throw new ArgumentException("The kernel's argv must contain {connection_file}.", nameof(argv));
        }

        var directory = Path.Combine(kernelsDirectory, name);
        Directory.CreateDirectory(directory);
        await AtomicFile.WriteAllTextAsync(
            Path.Combine(directory, "kernel.json"),
            KernelJson(argv, displayName).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
            cancellationToken).ConfigureAwait(false);
        foreach (var size in new[] { 32, 64 })
        {
            var png = Logo(size);
            await AtomicFile.WriteAsync(Path.Combine(directory, $"logo-{size}x{size}.png"), (stream, ct) => stream.WriteAsync(png, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        }

        return directory;
    }

    /// <summary>Removes <c>kernelsDirectory/name/</c>; false if it was not there.</summary>
    public static bool Uninstall(string kernelsDirectory, string name)
    {
        var directory = Path.Combine(kernelsDirectory, name);
        if (!IsValidName(name) || !Directory.Exists(directory))
        {
            return false;
        }

        Directory.Delete(directory, recursive: true);
        return true;
    }

    /// <summary>The logo as a PNG of <paramref name="size"/>×<paramref name="size"/>: white "C#" on a violet rounded square.</summary>
    public static byte[] Logo(int size)
    {
        string[] c = ["01110", "10001", "10000", "10000", "10000", "10001", "01110"];
        string[] hash = ["01010", "01010", "11111", "01010", "11111", "01010", "01010"];
        var scale = Math.Max(1, size / 16);
        var pixels = new byte[size * size * 4];
        var radius = size / 6.0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (InsideRoundedSquare(x + 0.5, y + 0.5, size, radius))
                {
                    Set(pixels, size, x, y, 0x51, 0x2B, 0xD4);
                }
            }
        }

        var glyphWidth = 5 * scale;
        var gap = scale * 2;
        var left = (size - (2 * glyphWidth) - gap) / 2;
        var top = (size - (7 * scale)) / 2;
        DrawGlyph(pixels, size, c, left, top, scale);
        DrawGlyph(pixels, size, hash, left + glyphWidth + gap, top, scale);
        return PngImage.Encode(size, size, pixels);
    }

    private static bool InsideRoundedSquare(double x, double y, int size, double radius)
    {
        var cx = Math.Clamp(x, radius, size - radius);
        var cy = Math.Clamp(y, radius, size - radius);
        return ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radius * radius;
    }

    private static void DrawGlyph(byte[] pixels, int size, string[] rows, int left, int top, int scale)
    {
        for (var row = 0; row < rows.Length; row++)
        {
            for (var column = 0; column < rows[row].Length; column++)
            {
                if (rows[row][column] != '1')
                {
                    continue;
                }

                for (var dy = 0; dy < scale; dy++)
                {
                    for (var dx = 0; dx < scale; dx++)
                    {
                        Set(pixels, size, left + (column * scale) + dx, top + (row * scale) + dy, 0xFF, 0xFF, 0xFF);
                    }
                }
            }
        }
    }

    private static void Set(byte[] pixels, int size, int x, int y, byte r, byte g, byte b)
    {
        var i = ((y * size) + x) * 4;
        pixels[i] = r;
        pixels[i + 1] = g;
        pixels[i + 2] = b;
        pixels[i + 3] = 0xFF;
    }
}
