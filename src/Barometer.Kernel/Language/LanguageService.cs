using Barometer.Kernel.Execution;
using Barometer.Kernel.Packages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Barometer.Kernel.Language;

/// <summary>
/// Editor services for one <see cref="ScriptSession"/>, one method per Jupyter request: completion
/// (<c>complete_request</c>), inspection and signature help (<c>inspect_request</c>), and <c>is_complete_request</c>.
/// Results map 1:1 onto the replies; cursor positions are in Unicode code points, as the protocol counts them.
/// Code is seen as the session's next cell: everything the executed cells declared, imported or referenced
/// (<c>#r</c> assemblies and NuGet packages) is in scope. Requests are serialised; they only read the session.
/// </summary>
public sealed class LanguageService : ICodeAssistance, IDisposable
{
    private readonly ScriptSession _session;
    private readonly Lazy<SessionWorkspace> _workspace;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _backgroundGate = new();
    private LastCompletion? _lastCompletion;
    private Task? _backgroundCompletion;
    private volatile bool _completionReady;
    private volatile bool _disposed;

    /// <summary>Creates the services of <paramref name="session"/> (cheap; Roslyn's workspace loads on the first request).</summary>
    public LanguageService(ScriptSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        // Made on the first request that needs it: its Roslyn host (MEF composition of the features) takes seconds cold.
        _workspace = new Lazy<SessionWorkspace>(() => new SessionWorkspace(session), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Completions at <paramref name="cursorPosition"/> (code points) of <paramref name="code"/>. While the user
    /// types a name (the same code before the name and after the cursor, the same session state), the list of the
    /// previous request is filtered again instead of being recomputed, as editors do. Until Roslyn's completion
    /// service has answered once (loading it takes seconds in a fresh process), a request that
    /// <see cref="QuickCompletion"/> can answer (members after a dot, a bare name) is answered from the parser and
    /// reflection at once, and the full service loads in the background for the next.
    /// </summary>
    public async Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var position = CodePoints.ToUtf16Index(code, cursorPosition);
        if (!_completionReady && QuickCompletion.TryComplete(_session, WithoutDirectives(code), position) is { } quick)
        {
            LoadCompletionInBackground(code, position);
            return quick;
        }

        return await CompleteFullAsync(code, position, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Does the one-time work of a quick answer (<see cref="QuickCompletion"/>: the session's options, the reflection
    /// over the framework's core types) without starting Roslyn's completion service; the kernel calls it right after
    /// its first <c>kernel_info_reply</c>, before the compiler's warm-up.
    /// </summary>
    internal void PrepareQuickCompletion()
    {
        _ = QuickCompletion.TryComplete(_session, "Math.", 5);
    }

    /// <summary>Whether Roslyn's completion service has answered once (later requests get its answers, not <see cref="QuickCompletion"/>'s).</summary>
    internal bool CompletionReady => _completionReady;

    private async Task<CompletionResult> CompleteFullAsync(string code, int position, CancellationToken cancellationToken)
    {
        var key = new CompletionKey(_session.CurrentState, _session.Packages.References.Length, code[..CodeCompletion.WordStart(code, position)], code[position..]);
        if (_lastCompletion is { } last && last.Key == key)
        {
            return CodeCompletion.Shape(last.Items, code, position);
        }

        var items = await WithDocumentAsync(code, document => CodeCompletion.GetItemsAsync(document, position, cancellationToken), cancellationToken).ConfigureAwait(false);
        _lastCompletion = new LastCompletion(key, items);
        _completionReady = true;
        return CodeCompletion.Shape(items, code, position);
    }

    /// <summary>
    /// After a quick answer: the full service answers the same request in the background (one at a time), which
    /// loads it and leaves its list for the user's next keystroke.
    /// </summary>
    private void LoadCompletionInBackground(string code, int position)
    {
        lock (_backgroundGate)
        {
            if (_backgroundCompletion is { IsCompleted: false } || _disposed)
            {
                return;
            }

            _backgroundCompletion = Task.Run(async () =>
            {
                try
                {
                    _ = await CompleteFullAsync(code, position, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Disposed meanwhile, or a failure the next full request reports.
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// What is at <paramref name="cursorPosition"/> (code points): the symbol's signature(s) and documentation
    /// (summary, parameters, returns; <paramref name="detailLevel"/> 1 adds remarks, exceptions and the assembly),
    /// or, inside an argument list, the overloads of the method being called.
    /// </summary>
    public async Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var position = CodePoints.ToUtf16Index(code, cursorPosition);
        return await WithDocumentAsync(code, document => SymbolInspector.InspectAsync(document, position, detailLevel, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="code"/> is a complete submission (for <c>jupyter console</c>'s line-by-line input).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "One of the service's requests beside completion and inspection, asked through the instance; CheckCompleteness is the static form.")]
    public CompletenessResult IsComplete(string code) => CheckCompleteness(code);

    /// <summary>
    /// Whether <paramref name="code"/> is a complete submission; needs no session (the kernel answers
    /// <c>is_complete_request</c> with it before any cell ran).
    /// </summary>
    public static CompletenessResult CheckCompleteness(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return CompletenessCheck.Check(WithoutDirectives(code), ScriptParse);
    }

    private static readonly CSharpParseOptions ScriptParse = new(ScriptEnvironment.DefaultLanguageVersion, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>Loads Roslyn's completion and the session's references with a throw-away request.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        _ = await CompleteFullAsync("Console.", 8, cancellationToken).ConfigureAwait(false);
        _ = await InspectAsync("Math.Sqrt", 9, 0, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WithDocumentAsync<T>(string code, Func<Document, Task<T>> request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var document = _workspace.Value.GetDocument(WithoutDirectives(code));
            var result = await request(document).ConfigureAwait(false);
            _workspace.Value.Keep(document);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Blanks (with spaces, so positions stay) what the session takes out before compiling: a first line
    /// <c>#!csharp</c>, <c>#r "nuget:…"</c> / <c>#i "nuget:…"</c> lines and <c>#:</c> directives.
    /// </summary>
    internal static string WithoutDirectives(string code)
    {
        if (!code.Contains('#', StringComparison.Ordinal))
        {
            return code;
        }

        var lines = code.Split('\n');
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (PackageDirectiveParser.TryParse(line, i + 1, out _) || trimmed.StartsWith("#:", StringComparison.Ordinal) ||
                trimmed.StartsWith("#!", StringComparison.Ordinal) && Documents.KernelNames.IsCSharp(trimmed[2..].Trim()))
            {
                lines[i] = new string(' ', line.Length) + (lines[i].EndsWith('\r') ? "\r" : string.Empty);
                changed = true;
            }
        }

        return changed ? string.Join('\n', lines) : code;
    }

    private sealed record CompletionKey(object? State, int PackageReferences, string Before, string After);

    private sealed record LastCompletion(CompletionKey Key, CompletionItems Items);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_workspace.IsValueCreated)
        {
            _workspace.Value.Dispose();
        }

        _gate.Dispose();
    }
}
