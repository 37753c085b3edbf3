using Barometer.IO;

namespace Barometer.Cli;

/// <summary>
/// Checks, before any work starts, that a command's output folder can take new files, so that a folder that is a
/// file or may not be written fails at once (not after a browser started or a notebook ran) with the folder named.
/// </summary>
internal static class OutputFolder
{
    /// <summary>
    /// Why <paramref name="directory"/> cannot take new files (it is created if missing), or null when it can: found
    /// by creating and removing an empty probe file, <c>.write-check.GUID.tmp</c>, which a later run removes if a kill
    /// left it (<see cref="AtomicFile.RemoveStaleTemporaryFiles"/>).
    /// </summary>
    public static string? Problem(string directory)
    {
        var probe = Path.Combine(directory, $".write-check.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return FileProblem.DescribeWrite(directory, ex);
        }
    }
}
