using System.Text;

namespace Barometer.Analysis.Charts.Export;

/// <summary>Writes files so that a reader never sees half of one: to a temporary name in the same folder, then a rename.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Task WriteAllTextAsync(string path, string text, CancellationToken ct = default) =>
        WriteAllBytesAsync(path, Utf8NoBom.GetBytes(text), ct);

    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(bytes, ct);
                await stream.FlushAsync(ct);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes the temporary files this class names (<c>.NAME.GUID.tmp</c>, 32 hex digits) in <paramref name="directory"/>:
    /// a process killed mid-write (SIGKILL, power loss) leaves them behind. Returns how many were deleted.
    /// </summary>
    public static int RemoveStaleTemporaryFiles(string directory)
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            var name = Path.GetFileName(file);
            var guid = name.Length - ".tmp".Length - 32;
            if (guid < 3 || name[guid - 1] != '.' || name.AsSpan(guid, 32).ContainsAnyExcept("0123456789abcdef")) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> the same way.</summary>
    public static async Task CopyAsync(string source, string destination, CancellationToken ct = default) =>
        await WriteAllBytesAsync(destination, await File.ReadAllBytesAsync(source, ct), ct);
}
