using Barometer.Browser;

namespace Barometer.Analysis.Tests.Charts;

/// <summary>
/// Browser tests need Chromium. Without it they are reported as skipped with the reason — except when the
/// environment variable <c>CI</c> is set, where a missing browser is a failure (CI must install it).
/// </summary>
internal static class BrowserRequirement
{
    public static string Chromium()
    {
        var path = ChromiumLocator.Find();
        if (path is not null)
        {
            return path;
        }

        var message = $"Chromium not found: {ChromiumLocator.InstallHint}.";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail($"{message} CI is set, so the browser tests must run (.ci/run installs chromium).");
        }

        Skip.If(true, message);
        throw new InvalidOperationException("unreachable");
    }
}
