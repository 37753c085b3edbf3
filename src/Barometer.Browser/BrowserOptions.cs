namespace Barometer.Browser;

/// <summary>
/// How to start headless Chromium: which executable, whether to turn its sandbox off, and the time limits of every
/// step. <see cref="FromEnvironment"/> reads <c>BAROMETER_CHROMIUM</c> and <c>BAROMETER_CHROMIUM_NO_SANDBOX</c>; an
/// explicit value wins over the environment.
/// </summary>
public sealed record BrowserOptions
{
    /// <summary>Names the browser executable (a path, or a program on PATH); when set, no other browser is looked for.</summary>
    public const string ExecutableVariable = "BAROMETER_CHROMIUM";

    /// <summary>Set to 1 to pass <c>--no-sandbox</c> when not running as root (e.g. a container without user namespaces).</summary>
    public const string NoSandboxVariable = "BAROMETER_CHROMIUM_NO_SANDBOX";

    /// <summary>The default limit of the start (process start to the first DevTools answer).</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default limit of one DevTools call (loading a page, rendering one image).</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The browser executable; null: <see cref="ChromiumLocator.Find()"/> looks for one when the browser starts.</summary>
    public string? Executable { get; init; }

    /// <summary>True: <c>--no-sandbox</c>; null: only when running as root or <see cref="NoSandboxVariable"/> is 1.</summary>
    public bool? NoSandbox { get; init; }

    /// <summary>The longest the start may take.</summary>
    public TimeSpan StartTimeout { get; init; } = DefaultStartTimeout;

    /// <summary>The longest one DevTools call or page load may take.</summary>
    public TimeSpan CallTimeout { get; init; } = DefaultCallTimeout;

    /// <summary>The defaults: the browser and sandbox rule as the environment says, default time limits.</summary>
    public static BrowserOptions FromEnvironment() => new();

    /// <summary>
    /// The executable to start: <see cref="Executable"/>, else <see cref="ChromiumLocator.Find()"/>. Throws
    /// <see cref="BrowserNotFoundException"/> when there is none (or <c>BAROMETER_CHROMIUM</c> names nothing).
    /// </summary>
    public string ResolveExecutable() =>
        Executable ?? ChromiumLocator.Find() ?? throw new BrowserNotFoundException($"no Chromium found: {ChromiumLocator.InstallHint}");

    /// <summary>Whether <c>--no-sandbox</c> is passed: <see cref="NoSandbox"/>, else <see cref="SandboxMustBeOff"/>.</summary>
    public bool SandboxOff => NoSandbox ?? SandboxMustBeOff();

    /// <summary>
    /// Chromium's sandbox cannot run as root; only then (or with <see cref="NoSandboxVariable"/>=1) is it turned off.
    /// <see cref="Environment.UserName"/> is the name of the effective user (getpwuid(geteuid())) on Unix.
    /// </summary>
    public static bool SandboxMustBeOff() =>
        (!OperatingSystem.IsWindows() && Environment.UserName == "root") || Environment.GetEnvironmentVariable(NoSandboxVariable) == "1";
}
