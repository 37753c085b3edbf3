namespace Barometer.Kernel.Cells;

/// <summary>The per-flow slot of <see cref="IOutputRedirect.Current"/>.</summary>
internal static class OutputRedirects
{
    public static readonly AsyncLocal<IOutputRedirect?> Current = new();

    /// <summary>Redirects this flow's output to <paramref name="redirect"/> until disposed.</summary>
    public static IDisposable Use(IOutputRedirect redirect)
    {
        var previous = Current.Value;
        Current.Value = redirect;
        return new Scope(() => Current.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                restore();
            }
        }
    }
}
