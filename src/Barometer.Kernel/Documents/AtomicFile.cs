using System.Text;

namespace Barometer.Kernel.Documents;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the same folder, which is flushed to
/// disk and then renamed over the target. A failure while writing leaves the previous file untouched and
/// removes the temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark (what Jupyter and VS Code write).</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> atomically as UTF-8 (no BOM).</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (stream, ct) => await stream.WriteAsync(Utf8NoBom.GetBytes(text), ct).ConfigureAwait(false), cancellationToken);

    /// <summary>Writes the file atomically, <paramref name="write"/> producing the content.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
