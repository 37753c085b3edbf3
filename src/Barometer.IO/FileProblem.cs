using System.Globalization;
using System.Text.RegularExpressions;

namespace Barometer.IO;

/// <summary>
/// Says in words why a file or folder could not be read or written, naming the path that is in the way and, for a
/// permission, which one and the mode it has: "no permission to create files in '/srv/kernels' (mode r-xr-xr-x)",
/// "'/data/barometer' cannot be entered (mode rw-------)", "'out' is a file, not a folder", "no space left on the
/// device". Used where an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> reaches a user.
/// </summary>
public static partial class FileProblem
{
    // errno values (Linux, macOS agree on these) that .NET carries as the HResult of the IOException it throws.
    // E_ACCESSDENIED, which .NET also gives an IOException for a permission (e.g. a folder it may not delete).
    private const int AccessDenied = unchecked((int)0x80070005);

    private const int NotPermitted = 1, PermissionDenied = 13, NoSpace = 28, ReadOnlyFileSystem = 30, QuotaExceeded = 122, QuotaExceededBsd = 69;

    /// <summary>Why <paramref name="path"/> (a file, or a folder to create with its parents) could not be written.</summary>
    public static string DescribeWrite(string path, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var full = Path.GetFullPath(path);
        if (Special(exception, full) is { } special)
        {
            return special;
        }

        var existing = DeepestExisting(full);
        if (existing is not null && File.Exists(existing) && existing != full)
        {
            return $"'{existing}' is a file, not a folder";
        }

        if (IsPermission(exception))
        {
            // The folder whose entries could not be created or removed: that of the path the failure names, else the
            // deepest folder that exists on the way to the target.
            var named = PathNamedIn(exception);
            var folder = named is not null && Path.GetDirectoryName(named) is { } parent && Directory.Exists(parent) ? parent
                : existing is null ? null : Directory.Exists(existing) ? existing : Path.GetDirectoryName(existing);
            return folder is null
                ? $"permission denied writing '{full}'"
                : $"permission denied: no permission to write in the folder '{folder}'{Mode(folder)}";
        }

        if (exception is IOException && File.Exists(full) && exception.Message.Contains("already exists", StringComparison.Ordinal))
        {
            return $"'{full}' is a file, not a folder";
        }

        return Plain(exception);
    }

    /// <summary>Why <paramref name="path"/> could not be read.</summary>
    public static string DescribeRead(string path, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"'{full}' is a folder, not a file";
        }

        if (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"'{full}' does not exist";
        }

        if (IsPermission(exception))
        {
            // The first folder on the way that cannot be entered, else the file itself.
            var blocked = BlockedFolder(full);
            return blocked is not null
                ? $"permission denied: the folder '{blocked}' cannot be entered{Mode(blocked)}"
                : $"permission denied: '{full}' is not readable{Mode(full)}";
        }

        return Special(exception, full) ?? Plain(exception);
    }

    private static string? Special(Exception exception, string path) => exception.HResult switch
    {
        NoSpace when exception is IOException => $"no space left on the device of '{Path.GetDirectoryName(path) ?? path}'",
        QuotaExceeded or QuotaExceededBsd when exception is IOException && !OperatingSystem.IsWindows() => $"disk quota exceeded on the device of '{Path.GetDirectoryName(path) ?? path}'",
        ReadOnlyFileSystem when exception is IOException && !OperatingSystem.IsWindows() => $"'{DeepestExisting(path) ?? path}' is on a read-only file system",
        _ => null,
    };

    /// <summary>
    /// The exception's own message, its path kept (as <c>reason ('path')</c>) unless it is one of
    /// <see cref="AtomicFile"/>'s temporary files, whose name means nothing to a user.
    /// </summary>
    private static string Plain(Exception exception)
    {
        var message = exception.Message;
        var tail = message.IndexOf(" : '", StringComparison.Ordinal);
        if (tail < 0)
        {
            return message.TrimEnd('.');
        }

        var named = PathNamedIn(exception);
        var reason = message[..tail].TrimEnd('.');
        return named is null || TemporaryFile().IsMatch(Path.GetFileName(named)) ? reason : $"{reason} ('{named}')";
    }

    private static bool IsPermission(Exception exception) =>
        exception is UnauthorizedAccessException ||
        (exception is IOException && (exception.HResult is AccessDenied || (!OperatingSystem.IsWindows() && exception.HResult is PermissionDenied or NotPermitted)));

    /// <summary>The first path quoted in the exception's message (.NET names the path that failed), or null.</summary>
    private static string? PathNamedIn(Exception exception)
    {
        var match = QuotedPath().Match(exception.Message);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"'(/[^']*|[A-Za-z]:\\[^']*)'")]
    private static partial Regex QuotedPath();

    [GeneratedRegex("^\\..+\\.[0-9a-f]{32}\\.tmp$")]
    private static partial Regex TemporaryFile();

    /// <summary>The longest ancestor of <paramref name="path"/> (or itself) that exists as a file or folder.</summary>
    private static string? DeepestExisting(string path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p) || File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The first folder from the root down whose entries cannot be looked up; null when every one can.</summary>
    private static string? BlockedFolder(string path)
    {
        var parts = new Stack<string>();
        for (var p = Path.GetDirectoryName(path); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            parts.Push(p);
        }

        string? previous = null;
        foreach (var folder in parts.Append(path))
        {
            if (previous is not null && !Directory.Exists(folder) && !File.Exists(folder))
            {
                return previous; // it exists (we reached it) but its entries cannot be looked up
            }

            previous = folder;
        }

        return null;
    }

    /// <summary>" (mode rwxr-xr-x)" on Unix when the mode can be read; empty otherwise.</summary>
    private static string Mode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return string.Empty;
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            var bits = (int)mode;
            var text = new char[9];
            for (var i = 0; i < 9; i++)
            {
                text[i] = (bits & (1 << (8 - i))) != 0 ? "rwx"[i % 3] : '-';
            }

            return string.Create(CultureInfo.InvariantCulture, $" (mode {new string(text)})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
