namespace Barometer.Browser;

/// <summary>
/// Anything that went wrong with headless Chromium: the base of every error this assembly throws, so a caller that
/// only needs to know "the browser could not do it" catches this one type. The subclasses say what happened.
/// </summary>
public class BrowserException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No browser was found, or <c>BAROMETER_CHROMIUM</c> names no program.</summary>
public sealed class BrowserNotFoundException(string message) : BrowserException(message);

/// <summary>The browser could not be started, or did not answer on its DevTools pipe.</summary>
public sealed class BrowserLaunchException(string message, Exception? inner = null) : BrowserException(message, inner);

/// <summary>A browser step (start, one DevTools call, a page load) did not finish within its time limit.</summary>
public sealed class BrowserTimeoutException(string message, Exception? inner = null) : BrowserException(message, inner);

/// <summary>
/// The browser answered with an error: a DevTools command it refused, a page that failed to load, a script that threw,
/// or the DevTools connection ending (the browser exited or its pipe closed).
/// </summary>
public sealed class BrowserPageException(string message, Exception? inner = null) : BrowserException(message, inner);
