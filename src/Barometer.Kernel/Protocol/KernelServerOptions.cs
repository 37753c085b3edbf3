using Barometer.Kernel.Execution;

namespace Barometer.Kernel.Protocol;

/// <summary>Settings of a <see cref="KernelServer"/>.</summary>
public sealed record KernelServerOptions
{
    /// <summary>Creates the script session on the first <c>execute_request</c> (not before: that would load Roslyn before <c>kernel_info_reply</c>).</summary>
    public Func<ScriptSession> SessionFactory { get; init; } = static () => new ScriptSession(new ScriptSessionOptions { CellTimeout = Timeout.InfiniteTimeSpan });

    /// <summary>
    /// Makes what answers <c>complete_request</c> and <c>inspect_request</c> for a session (created with the session,
    /// anew after a restart). Default: <see cref="Language.LanguageService"/>, Roslyn's completion and the session's
    /// symbols and documentation.
    /// </summary>
    public Func<ScriptSession, ICodeAssistance> CodeAssistance { get; init; } = static session => new Language.LanguageService(session);

    /// <summary>Where the server logs rejected messages and failures (default: standard error).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Runs once after the first <c>kernel_info_reply</c> is sent (e.g. warming Roslyn up in the background).</summary>
    public Action? AfterFirstKernelInfo { get; init; }
}
