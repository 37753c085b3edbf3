using System.Diagnostics;
using System.Globalization;

namespace Barometer.Kernel.Formatting.Known;

/// <summary>
/// A PNG of a plotly figure from headless Chromium's <c>--screenshot</c>, one short-lived process per image (the kernel
/// keeps no browser running). Chromium is <c>BAROMETER_CHROMIUM</c>, else <c>chromium</c>, <c>chromium-browser</c> or
/// <c>google-chrome</c> on PATH; <c>BAROMETER_KERNEL_IMAGES=0</c> turns images off. No browser, a failure or a timeout
/// gives no image (the chart still has its JSON and HTML), never an error in the cell.
/// </summary>
internal static class ChromiumScreenshot
{
    public const string BrowserVariable = "BAROMETER_CHROMIUM";
    public const string SwitchVariable = "BAROMETER_KERNEL_IMAGES";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<string?> Browser = new(Find);

    public static byte[]? Render(string figureJson, string? plotlyJs, int width, int height)
    {
        if (plotlyJs is null || Environment.GetEnvironmentVariable(SwitchVariable) == "0" || Browser.Value is not { } chromium) return null;
        var dir = Directory.CreateTempSubdirectory("kernel-chart-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "plotly.min.js"), plotlyJs);
            var page = Path.Combine(dir, "chart.html");
            File.WriteAllText(page,
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{margin:0;background:#fff}</style>" +
                "<script src=\"plotly.min.js\"></script></head><body><div id=\"c\" style=\"width:" + Px(width) + ";height:" + Px(height) + "\"></div><script>" +
                "var f = " + figureJson + "; var c = Object.assign({}, f.config || {}, {staticPlot: true, responsive: false});" +
                "Plotly.newPlot('c', f.data, Object.assign({}, f.layout, {width: " + width.ToString(CultureInfo.InvariantCulture) +
                ", height: " + height.ToString(CultureInfo.InvariantCulture) + "}), c);</script></body></html>");
            var png = Path.Combine(dir, "chart.png");
            var info = new ProcessStartInfo(chromium) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            // Chromium's sandbox refuses to run as root; anyone else keeps it.
            if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal)) info.ArgumentList.Add("--no-sandbox");
            foreach (var a in new[]
            {
                "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--allow-file-access-from-files", $"--user-data-dir={Path.Combine(dir, "profile")}",
                "--virtual-time-budget=10000", $"--window-size={width},{height}", $"--screenshot={png}", new Uri(page).AbsoluteUri,
            })
                info.ArgumentList.Add(a);
            using var process = Process.Start(info);
            if (process is null) return null;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return File.Exists(png) ? File.ReadAllBytes(png) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Px(int v) => v.ToString(CultureInfo.InvariantCulture) + "px";

    private static readonly string[] BrowserNames = ["chromium", "chromium-browser", "google-chrome"];

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(BrowserVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : OnPath(configured);
        return BrowserNames.Select(OnPath).FirstOrDefault(p => p is not null);
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
