namespace Barometer.Kernel.Running;

/// <summary>
/// For process hosts that run notebooks in-process (a command, a test): runs work with the process's current
/// directory set to a notebook's folder, so relative file paths in cells behave as in VS Code and Jupyter, and
/// restores it afterwards. The current directory is process-wide state, so the library never changes it by
/// itself (<see cref="NotebookRunner"/> does not); a host calls this explicitly. Callers are serialised while they
/// hold the directory. A Jupyter kernel process gets its folder from the front end when it starts instead.
/// </summary>
public static class HostWorkingDirectory
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Runs <paramref name="work"/> in <paramref name="directory"/>, then restores the previous current directory.</summary>
    public static async Task<T> RunInAsync<T>(string directory, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(work);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(Path.GetFullPath(directory));
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Gate.Release();
        }
    }
}
