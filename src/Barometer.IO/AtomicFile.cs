using System.Text;

namespace Barometer.IO;

/// <summary>
/// Writes files atomically and durably: the content goes to a temporary file <c>.NAME.&lt;guid&gt;.tmp</c> in the
/// target's folder (created if missing), which is flushed to disk and then renamed over the target. A reader never
/// sees half a file; a failure or cancellation at any point leaves the previous file untouched and removes the
/// temporary file.
/// </summary>
public static class AtomicFile
{
    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>UTF-8 without a byte-order mark (what Jupyter and VS Code write).</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> atomically as UTF-8 (no BOM).</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, Utf8NoBom.GetBytes(text), cancellationToken);

    /// <summary>Writes <paramref name="bytes"/> atomically.</summary>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (stream, ct) => await stream.WriteAsync(bytes, ct).ConfigureAwait(false), cancellationToken);

    /// <summary>
    /// Writes <paramref name="text"/> atomically as UTF-8 into a file only its owner may read or write (mode 0600 on
    /// Unix from the moment the temporary file is created, so no other user can open it at any point): for secrets
    /// such as a Jupyter connection file's key.
    /// </summary>
    public static Task WritePrivateTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (stream, ct) => await stream.WriteAsync(Utf8NoBom.GetBytes(text), ct).ConfigureAwait(false), OwnerOnly, cancellationToken);

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
            if (guid < 3 || name[guid - 1] != '.' || name.AsSpan(guid, 32).ContainsAnyExcept(LowerHexDigits))
            {
                continue;
            }

            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or protected: left for a later run.
            }
        }

        return removed;
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> atomically.</summary>
    public static Task CopyAsync(string source, string destination, CancellationToken cancellationToken = default) =>
        WriteAsync(destination, async (stream, ct) =>
        {
            var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            await using var inputDisposal = input.ConfigureAwait(false);
            await input.CopyToAsync(stream, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Read and write for the owner only (0600).</summary>
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes the file atomically, <paramref name="write"/> producing the content.</summary>
    public static Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default) =>
        WriteAsync(path, write, unixCreateMode: null, cancellationToken);

    private static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, UnixFileMode? unixCreateMode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 64 * 1024,
                Options = FileOptions.Asynchronous,
            };
            if (unixCreateMode is { } mode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            TryDelete(temp); // gone after the rename; removed on every other path
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
