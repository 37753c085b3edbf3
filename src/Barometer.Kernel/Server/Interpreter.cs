using Barometer.Kernel.Comms;
using Barometer.Kernel.Execution;
using Barometer.Kernel.Language;

namespace Barometer.Kernel.Server;

/// <summary>
/// What the handlers call (xeus's interpreter): the kernel's one <see cref="ScriptSession"/>, made on first need (not
/// before: that would load Roslyn before the first <c>kernel_info_reply</c>), with its comms connected to the front
/// ends; the session's completion and inspection (<see cref="ICodeAssistance"/>); the execution history. Thread-safe:
/// the shell, control and comm lanes use it at once.
/// </summary>
internal sealed class Interpreter : IDisposable
{
    private readonly KernelServerOptions _options;
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

    public Interpreter(KernelServerOptions options, ICommSink comms, TextWriter log)
    {
        _options = options;
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
                    _session = _options.SessionFactory();
                    _session.Comms.Connect(_comms);
                }

                return _session;
            }
        }
    }

    /// <summary>The session if one was made (null before the first need: nothing to interrupt).</summary>
    public ScriptSession? CurrentSession
    {
        get
        {
            lock (_gate)
            {
                return _session;
            }
        }
    }

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
                    _assistance = _options.CodeAssistance(session);
                    _assistanceSession = session;
                }

                return _assistance;
            }
        }
    }

    /// <summary>
    /// Once, after the first <c>kernel_info_reply</c> went out: starts the host's <see cref="KernelServerOptions.AfterFirstKernelInfo"/>
    /// and, with <see cref="KernelServerOptions.WarmUpLanguageServices"/>, the warm-up of the language services (the
    /// session is made for it) — on background tasks, so the request lanes stay free: a <c>history_request</c> right
    /// behind the <c>kernel_info_request</c>, as <c>jupyter console</c> sends it, is answered at once.
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

        if (_options.AfterFirstKernelInfo is { } hook)
        {
            _ = Task.Run(() => Guarded("the host's warm-up", hook), CancellationToken.None);
        }

        ResumeWarmUp();
    }

    /// <summary>
    /// A request that needs the session now (a cell, a completion) goes first: the language warm-up in progress is
    /// cancelled (what it loaded stays loaded); <see cref="ResumeWarmUp"/> starts it again after a cell.
    /// </summary>
    public void PauseWarmUp()
    {
        lock (_gate)
        {
            _warmUpRun?.Cancel();
            _warmUpRun = null;
        }
    }

    /// <summary>Starts (again) the warm-up of the language services, unless it finished, runs, or was not asked for.</summary>
    public void ResumeWarmUp()
    {
        CancellationTokenSource run;
        lock (_gate)
        {
            if (!_warmUpStarted || _languageServicesWarm || _warmUpRun is not null || !_options.WarmUpLanguageServices || _stopping.IsCancellationRequested)
            {
                return;
            }

            run = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
            _warmUpRun = run;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Assistance.WarmUpAsync(run.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _languageServicesWarm = true;
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
        }, CancellationToken.None);
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
