using System.Globalization;

namespace Barometer.Kernel.Benchmarks;

/// <summary>Medians and the ways the targets table writes numbers.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Seconds(double seconds) => seconds >= 1
        ? seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    public static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture) + " MiB";
}
