namespace Barometer.Kernel.Language;

/// <summary>
/// Completion and inspection of one session, as the kernel server's handlers of <c>complete_request</c> and
/// <c>inspect_request</c> ask for them: the code and the cursor (in Unicode code points, as the protocol counts) in,
/// the reply's facts out. The kernel's own is <see cref="LanguageService"/> (Roslyn's completion and the session's
/// symbols); <see cref="NoCodeAssistance"/> answers with nothing.
/// </summary>
public interface ICodeAssistance
{
    /// <summary>Completions for <paramref name="code"/> at <paramref name="cursorPosition"/>.</summary>
    Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken);

    /// <summary>Information about the symbol at <paramref name="cursorPosition"/>; <paramref name="detailLevel"/> is 0 or 1.</summary>
    Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken);

    /// <summary>
    /// Does ahead, in the background, the one-time work of the first request (loading the services, the references'
    /// symbols), so that a user's first request is answered quickly.
    /// </summary>
    Task WarmUpAsync(CancellationToken cancellationToken);
}
