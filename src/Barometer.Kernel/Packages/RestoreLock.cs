namespace Barometer.Kernel.Packages;

/// <summary>A cross-process lock on one restore folder (two sessions restoring the same set wait for each other).</summary>
internal sealed class RestoreLock : IDisposable
{
    private readonly FileStream _stream;

    private RestoreLock(FileStream stream) => _stream = stream;

    public static async Task<RestoreLock> AcquireAsync(RestoreProject project, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(project.Directory);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                return new RestoreLock(new FileStream(project.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
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
