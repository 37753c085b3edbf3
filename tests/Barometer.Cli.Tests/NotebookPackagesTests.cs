namespace Barometer.Cli.Tests;

/// <summary>
/// <c>notebooks run</c> on the notebook that references MathNet.Numerics from the registry (CI reaches it), twice
/// with one fresh package cache: the first run restores, the second restores nothing (progress lines go to
/// stderr when the output is piped).
/// </summary>
[Trait("Category", "NuGetRegistry")]
public class NotebookPackagesTests
{
    [Fact]
    public void A_notebook_with_a_nuget_reference_runs_and_a_second_run_restores_nothing()
    {
        var cache = Path.Combine(Path.GetTempPath(), "barometer-cli-tests", Guid.NewGuid().ToString("N"));
        var outDir = Path.Combine(cache, "out");
        var environment = new Dictionary<string, string?> { ["BAROMETER_KERNEL_PACKAGE_CACHE"] = Path.Combine(cache, "packages") };
        try
        {
            var first = CliRunner.Run(null, environment, "notebooks", "run", "notebooks/07-event-statistics-with-a-package.ipynb", "--out", outDir);
            Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
            Assert.Contains("packages: Restoring MathNet.Numerics 5.0.0…", first.Stderr, StringComparison.Ordinal);
            Assert.Contains("packages: Installed MathNet.Numerics 5.0.0.", first.Stderr, StringComparison.Ordinal);
            var executed = File.ReadAllText(Path.Combine(outDir, "07-event-statistics-with-a-package.ipynb"));
            Assert.Contains("Restoring MathNet.Numerics 5.0.0…", executed, StringComparison.Ordinal);
            Assert.Contains("China    events  15   mean   1.00", executed, StringComparison.Ordinal);

            var second = CliRunner.Run(null, environment, "notebooks", "run", "notebooks/07-event-statistics-with-a-package.ipynb", "--out", outDir);
            Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
            Assert.DoesNotContain("Restoring", second.Stderr, StringComparison.Ordinal);
            Assert.Contains("packages: Restore of MathNet.Numerics 5.0.0 is up to date (local cache, no restore).", second.Stderr, StringComparison.Ordinal);
            Assert.Contains("packages: Installed MathNet.Numerics 5.0.0 from the local cache.", second.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(cache, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
