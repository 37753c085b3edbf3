using Barometer.Kernel.Execution;
using Barometer.Kernel.Language;

namespace Barometer.Kernel.Server;

/// <summary>Settings of a <see cref="KernelServer"/>.</summary>
public sealed record KernelServerOptions
{
    /// <summary>Creates the script session on first need (not before: that would load Roslyn before <c>kernel_info_reply</c>).</summary>
    public Func<ScriptSession> SessionFactory { get; init; } = static () => new ScriptSession(new ScriptSessionOptions { CellTimeout = Timeout.InfiniteTimeSpan });

    /// <summary>
    /// Makes what answers <c>complete_request</c> and <c>inspect_request</c> for a session (created with the session,
    /// anew after a restart). Default: <see cref="LanguageService"/>, Roslyn's completion and the session's
    /// symbols and documentation.
    /// </summary>
    public Func<ScriptSession, ICodeAssistance> CodeAssistance { get; init; } = static session => new LanguageService(session);

    /// <summary>Where the server logs rejected messages and failures (default: standard error).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// Runs once, on a background task, after the first <c>kernel_info_reply</c> was sent (e.g. warming Roslyn's compiler
    /// up while the user reads), before the language services are warmed up.
    /// </summary>
    public Action? AfterFirstKernelInfo { get; init; }

    /// <summary>
    /// After the first <c>kernel_info_reply</c>, make the session and warm its language services up in the background
    /// (<see cref="ICodeAssistance.WarmUpAsync"/>), so the first <c>complete_request</c> does not pay for loading them
    /// (default true).
    /// </summary>
    public bool WarmUpLanguageServices { get; init; } = true;
}
