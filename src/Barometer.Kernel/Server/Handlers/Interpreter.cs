using Barometer.Kernel.Comms;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Language;

namespace Barometer.Kernel.Server.Handlers;

/// <summary>
/// What the handlers call (xeus's interpreter): the kernel's one <see cref="ScriptSession"/>, made on first need (not
/// before: that would load Roslyn before the first <c>kernel_info_reply</c>), with its comms connected to the front
/// ends; the session's completion and inspection (<see cref="ICodeAssistance"/>); the execution history. Thread-safe:
/// the shell, control and comm lanes use it at once.
/// </summary>
internal sealed class Interpreter : IDisposable
{
    private readonly Func<ScriptSession> _sessionFactory;
    private readonly Func<ScriptSession, ICodeAssistance> _codeAssistance;
    private readonly Action? _afterFirstKernelInfo;
    private readonly bool _warmUpLanguageServices;
    private readonly ICommSink _comms;
    private readonly TextWriter _log;
    private readonly object _gate = new();
    private ScriptSession? _session;
    private ICodeAssistance? _assistance;
    private ScriptSession? _assistanceSession;
    private bool _warmUpStarted;
    private bool _languageServicesWarm;
    private CancellationTokenSource? _warmUpRun;
    private CancellationToken _stopping;
    private long _activity;
    private int _cellsRunning;

    /// <summary>
    /// An interpreter that makes its session with <paramref name="sessionFactory"/> and the session's language services
    /// with <paramref name="codeAssistance"/>; after the first <c>kernel_info_reply</c> it runs
    /// <paramref name="afterFirstKernelInfo"/> and, with <paramref name="warmUpLanguageServices"/>, warms the language
    /// services up (the server's <c>KernelServerOptions</c>).
    /// </summary>
    public Interpreter(Func<ScriptSession> sessionFactory, Func<ScriptSession, ICodeAssistance> codeAssistance, Action? afterFirstKernelInfo, bool warmUpLanguageServices, ICommSink comms, TextWriter log)
    {
        _sessionFactory = sessionFactory;
        _codeAssistance = codeAssistance;
        _afterFirstKernelInfo = afterFirstKernelInfo;
        _warmUpLanguageServices = warmUpLanguageServices;
        _comms = comms;
        _log = log;
    }

    /// <summary>The inputs of the cells run so far, for <c>history_request</c>.</summary>
    public ExecutionHistory History { get; } = new();

    /// <summary>The session, made now if need be.</summary>
    public ScriptSession Session
    {
        get
        {
            lock (_gate)
            {
                if (_session is null)
                {
                    var session = _sessionFactory();
                    session.Comms.Connect(_comms);
                    Volatile.Write(ref _session, session);
                }

                return _session;
            }
        }
    }

    /// <summary>
    /// The session if one was made (null before the first need: nothing to interrupt). Never waits, also not for a
    /// session being made, so an interrupt or shutdown is answered at once.
    /// </summary>
    public ScriptSession? CurrentSession => Volatile.Read(ref _session);

    /// <summary>The comms of the session, made now if need be.</summary>
    public CommManager Comms => Session.Comms;

    /// <summary>The completion and inspection of the session (made with it).</summary>
    public ICodeAssistance Assistance
    {
        get
        {
            var session = Session;
            lock (_gate)
            {
                if (_assistance is null || !ReferenceEquals(_assistanceSession, session))
                {
                    (_assistance as IDisposable)?.Dispose();
                    _assistance = _codeAssistance(session);
                    _assistanceSession = session;
                }

                return _assistance;
            }
        }
    }

    /// <summary>
    /// Once, after the first <c>kernel_info_reply</c> went out: on a background task, so the request lanes stay free (a
    /// <c>history_request</c> right behind the <c>kernel_info_request</c>, as <c>jupyter console</c> sends it, is answered
    /// at once), runs the host's <c>afterFirstKernelInfo</c> (e.g. warming the compiler up),
    /// then, with <c>warmUpLanguageServices</c>, warms the language services up once the
    /// kernel is quiet (see <see cref="ResumeWarmUp"/>).
    /// </summary>
    public void StartWarmUp(CancellationToken stopping)
    {
        lock (_gate)
        {
            if (_warmUpStarted)
            {
                return;
            }

            _warmUpStarted = true;
            _stopping = stopping;
        }

        _ = Task.Run(() =>
        {
            if (_warmUpLanguageServices)
            {
                // First the session and the quick completion's reflection (tens of milliseconds), so a complete_request
                // sent right after kernel_info finds them ready instead of sharing the cores with the compiler's warm-up.
                Guarded("preparing the quick completion", () => (Assistance as LanguageService)?.PrepareQuickCompletion());
            }

            if (_afterFirstKernelInfo is { } hook)
            {
                Guarded("the host's warm-up", hook);
            }

            ResumeWarmUp();
        }, CancellationToken.None);
    }

    /// <summary>A request came (e.g. a front end still connecting asks <c>kernel_info</c> again): the kernel is not quiet yet.</summary>
    public void NoteActivity()
    {
        lock (_gate)
        {
            _activity++;
        }
    }

    /// <summary>
    /// A request that needs the session now (a cell, a completion, an inspection) goes first: a language warm-up in
    /// progress is cancelled (what it loaded stays loaded) and none starts while a cell runs; a cell calls
    /// <see cref="ResumeWarmUp"/> when it ends.
    /// </summary>
    public void PauseWarmUp(bool cellStarts = false)
    {
        lock (_gate)
        {
            _activity++;
            if (cellStarts)
            {
                _cellsRunning++;
            }

            _warmUpRun?.Cancel();
            _warmUpRun = null;
        }
    }

    /// <summary>
    /// Starts (again) the warm-up of the language services once the kernel has been quiet for
    /// <see cref="QuietBeforeWarmUp"/> — no cell, completion or inspection meanwhile — so that cells sent back to back
    /// (a headless run, "run all") never share the cores with it; unless it finished, runs, or was not asked for.
    /// </summary>
    public void ResumeWarmUp(bool cellEnded = false)
    {
        long activity;
        lock (_gate)
        {
            if (cellEnded)
            {
                _cellsRunning--;
            }

            if (!_warmUpStarted || _languageServicesWarm || _warmUpRun is not null || _cellsRunning > 0 || !_warmUpLanguageServices || _stopping.IsCancellationRequested)
            {
                return;
            }

            activity = _activity;
        }

        _ = Task.Run(async () =>
        {
            CancellationTokenSource run;
            while (true)
            {
                try
                {
                    await Task.Delay(QuietBeforeWarmUp, _stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                lock (_gate)
                {
                    if (_languageServicesWarm || _warmUpRun is not null || _cellsRunning > 0 || _stopping.IsCancellationRequested)
                    {
                        return; // done, running, or a cell will resume it when it ends
                    }

                    if (_activity != activity)
                    {
                        activity = _activity; // not quiet yet: wait again
                        continue;
                    }

                    run = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
                    _warmUpRun = run;
                    break;
                }
            }

            await WarmUpLanguageServicesAsync(run).ConfigureAwait(false);
        }, CancellationToken.None);
    }

    /// <summary>How long the kernel must be quiet before the language services are warmed up.</summary>
    internal static TimeSpan QuietBeforeWarmUp { get; } = TimeSpan.FromMilliseconds(500);

    private async Task WarmUpLanguageServicesAsync(CancellationTokenSource run)
    {
        try
        {
            await Assistance.WarmUpAsync(run.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _languageServicesWarm = !run.IsCancellationRequested;
            }
        }
        catch (Exception ex) when (run.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException)
        {
            // Superseded by a request, or the kernel is shutting down.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An optimisation only: the first real request does the same work and reports what fails.
            _log.WriteLine($"kernel: warming up the language services failed: {ex.Message}");
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_warmUpRun, run))
                {
                    _warmUpRun = null;
                }
            }

            run.Dispose();
        }
    }

    private void Guarded(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _log.WriteLine($"kernel: {what} failed: {ex.Message}");
        }
    }

    /// <summary>Interrupts the running cell, if any.</summary>
    public void Interrupt() => CurrentSession?.Interrupt();

    public void Dispose()
    {
        lock (_gate)
        {
            _warmUpRun?.Cancel();
            _warmUpRun = null;
            (_assistance as IDisposable)?.Dispose();
            _assistance = null;
            _session?.Dispose();
            _session = null;
        }
    }
}
