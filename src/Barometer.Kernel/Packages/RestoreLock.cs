namespace Barometer.Kernel.Packages;

/// <summary>A cross-process lock on one restore folder (two sessions restoring the same set wait for each other), or on a project's build.</summary>
internal sealed class RestoreLock : IDisposable
{
    private readonly FileStream _stream;

    private RestoreLock(FileStream stream) => _stream = stream;

    public static Task<RestoreLock> AcquireAsync(RestoreProject project, CancellationToken cancellationToken) => AcquireAsync(project.LockPath, cancellationToken);

    /// <summary>Waits for the lock file <paramref name="lockPath"/> (e.g. a project's build lock, so two kernels do not build one project at once).</summary>
    public static async Task<RestoreLock> AcquireAsync(string lockPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                return new RestoreLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 2));
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
