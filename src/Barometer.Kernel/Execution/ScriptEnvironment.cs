using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Barometer.Kernel.Formatting;
using Barometer.Kernel.Packages;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// What every script session compiles against: one immutable set of metadata references, built once per environment
/// (the framework as the SDK references it, see <see cref="FrameworkReferences"/>, plus this library for the notebook
/// globals), the default <c>using</c>s and the C# language version. Building references and JIT-compiling Roslyn are
/// the cold-start cost, so one environment is meant to be shared by all sessions of a process (<see cref="Shared"/>):
/// the same <see cref="MetadataReference"/> objects and options are reused, which lets Roslyn reuse the assembly
/// symbols it built for them (a second notebook's first cell takes milliseconds, not seconds). For the first one,
/// <see cref="EnableStartupProfile"/> (multi-core JIT) is what measurably helps; <see cref="WarmUpAsync"/> compiles a
/// trivial cell in the background with exactly these references, and a session's first cell waits for that compile to
/// end (<see cref="WhenWarmedUpAsync"/>): a warm-up compiling at the same time as the first cells made them bind to two
/// different CoreLibs (CS1503, CS0121).
/// </summary>
public sealed class ScriptEnvironment
{
    /// <summary>
    /// The <c>using</c>s every cell gets: the .NET SDK's implicit usings of a console app (<c>System</c>,
    /// <c>System.Collections.Generic</c>, <c>System.IO</c>, <c>System.Linq</c>, <c>System.Net.Http</c>,
    /// <c>System.Threading</c>, <c>System.Threading.Tasks</c>), what the .NET Interactive C# kernel added
    /// (<c>System.Collections</c>, <c>System.Text</c>), so its notebooks keep working, and
    /// <c>Barometer.Kernel.Scripting</c> for <c>x.Display()</c>, and <c>Barometer.Kernel.Widgets</c> for the Jupyter widgets
    /// (<c>IntSlider</c>, <c>Dropdown</c>, <c>Output</c>, …), and the kernel's own .NET Interactive formatting API
    /// (<c>Microsoft.DotNet.Interactive.Formatting</c>: <c>Formatter</c>, <c>DisplayTable()</c>, and its PocketView tags
    /// imported statically, so <c>div(...)</c> works without a <c>using</c>; see <c>Compatibility/</c>).
    /// </summary>
    public static readonly ImmutableArray<string> DefaultImports =
    [
        "System", "System.Collections", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Text",
        "System.Threading", "System.Threading.Tasks", "Barometer.Kernel.Scripting", "Barometer.Kernel.Widgets",
        "Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive.Formatting.PocketViewTags",
    ];

    /// <summary>
    /// The C# version cells compile with: the .NET SDK's default for the running .NET (C# 14 on .NET 10), so code that
    /// is valid for that SDK compiles (Roslyn's <c>Latest</c> would read <c>union</c> as the start of a union
    /// declaration). Newer or preview features are opt-in: <c>#:property LangVersion=preview</c> in a cell.
    /// </summary>
    public static LanguageVersion DefaultLanguageVersion { get; } = LanguageVersionFor(Environment.Version);

    private static readonly Lazy<ScriptEnvironment> SharedInstance = new(() => new ScriptEnvironment(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<string, ScriptOptions> _optionsByDirectory = new(StringComparer.Ordinal);
    private readonly Lazy<ImmutableArray<MetadataReference>> _references;
    private readonly Lazy<ScriptOptions> _baseOptions;
    private readonly object _warmUpGate = new();
    private Task? _warmUp;
    private Task? _warmUpAll;

    /// <summary>Creates an environment; most callers should use <see cref="Shared"/>. Cheap: references are built on first use.</summary>
    /// <param name="extraReferences">References added to every session (e.g. a host's own library).</param>
    /// <param name="extraImports">Namespaces imported in every session, after <see cref="DefaultImports"/>.</param>
    public ScriptEnvironment(IEnumerable<MetadataReference>? extraReferences = null, IEnumerable<string>? extraImports = null)
    {
        var extra = (extraReferences ?? []).ToList();
        _references = new Lazy<ImmutableArray<MetadataReference>>(
            () => FrameworkReferences.Create(DotNetHost.Current)
                .Add(MetadataReference.CreateFromFile(typeof(NotebookGlobals).Assembly.Location))
                .AddRange(extra),
            LazyThreadSafetyMode.ExecutionAndPublication);
        Imports = DefaultImports.AddRange(extraImports ?? []);
        _baseOptions = new Lazy<ScriptOptions>(
            () => ScriptOptions.Default
                .WithReferences(References)
                .WithImports(Imports)
                .WithLanguageVersion(DefaultLanguageVersion)
                .WithEmitDebugInformation(true) // line numbers in stack traces, mapped back to cells
                .WithFileEncoding(Encoding.UTF8),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The environment shared by all sessions of this process.</summary>
    public static ScriptEnvironment Shared => SharedInstance.Value;

    /// <summary>The metadata references every session starts with (built once, on first use).</summary>
    public ImmutableArray<MetadataReference> References => _references.Value;

    /// <summary>The namespaces every session imports.</summary>
    public ImmutableArray<string> Imports { get; }

    internal ScriptOptions BaseOptions => _baseOptions.Value;

    /// <summary>
    /// Options for scripts whose <c>#r "relative.dll"</c> and <c>#load "relative.csx"</c> resolve against
    /// <paramref name="baseDirectory"/> (the notebook's folder). Cached per folder. A session replaces the metadata
    /// resolver with its own (<see cref="SessionMetadataResolver"/>).
    /// </summary>
    public ScriptOptions CreateOptions(string baseDirectory)
    {
        var directory = Path.GetFullPath(baseDirectory);
        return _optionsByDirectory.GetOrAdd(directory, dir => BaseOptions
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(dir))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(dir)));
    }

    /// <summary>
    /// Compiles and runs a trivial cell once on a background thread, with exactly the references sessions use, so
    /// Roslyn's code is JIT-compiled and the references' metadata loaded before the first real cell; then formats a
    /// small value (the formatters' first use). Idempotent: later calls return the same task, which ends after both.
    /// Failures are swallowed (the first real cell reports them). A session's first cell waits for the compile part
    /// only (<see cref="WhenWarmedUpAsync"/>): binding beside it is what must not happen; the formatting part may run
    /// beside the cell. The kernel starts it right after its first <c>kernel_info_reply</c>.
    /// </summary>
    public Task WarmUpAsync()
    {
        lock (_warmUpGate)
        {
            if (_warmUpAll is not null)
            {
                return _warmUpAll;
            }

            _warmUp = Task.Run(async () =>
            {
                try
                {
                    var options = BaseOptions.WithFilePath("warm-up#cell1");
                    var script = CSharpScript.Create(
                        "var warm = new List<int> { 1, 2 }.Select(x => x * 2).ToList();\nwarm.Count",
                        options,
                        typeof(NotebookGlobals));
                    SequentialBuild.Apply(script); // as a cell compiles (SubmissionRun)
                    _ = SubmissionAnalysis.HasTrailingExpression(script);
                    await script.RunAsync(new NotebookGlobals(FormatterSet.Default)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Warm-up is an optimisation only.
                }
            });
            _warmUpAll = _warmUp.ContinueWith(
                static compiled =>
                {
                    try
                    {
                        _ = FormatterSet.Default.Format(new[] { new { A = 1 } });
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // Warm-up is an optimisation only.
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
            return _warmUpAll;
        }
    }

    /// <summary>
    /// Completes when the compile part of a warm-up started by <see cref="WarmUpAsync"/> has ended (at once when none was
    /// started): what a session's first cell waits for before it compiles.
    /// </summary>
    public Task WhenWarmedUpAsync()
    {
        lock (_warmUpGate)
        {
            return _warmUp ?? Task.CompletedTask;
        }
    }

    /// <summary>The .NET SDK's default C# version for a .NET major version (C# 14 for .NET 10): major + 4 since .NET 5.</summary>
    internal static LanguageVersion LanguageVersionFor(Version runtime) =>
        LanguageVersionFacts.TryParse((runtime.Major + 4).ToString(System.Globalization.CultureInfo.InvariantCulture), out var version)
            ? version
            : LanguageVersion.Latest;

    /// <summary>
    /// Turns on .NET's multi-core JIT for this process: the methods JIT-compiled during start-up are recorded in
    /// <paramref name="profileDirectory"/>, and on later runs compiled ahead on another core while the first cell
    /// is being compiled. Call once, as early as possible, before the first cell (a host such as a CLI does this;
    /// the library never writes profile files on its own). Failures (e.g. a read-only folder) are ignored.
    /// </summary>
    /// <param name="profileDirectory">A writable folder for the profile (e.g. under the user's cache folder).</param>
    /// <param name="profileName">Profile file name; use one per kind of start-up.</param>
    public static void EnableStartupProfile(string profileDirectory, string profileName = "notebook-kernel")
    {
        try
        {
            Directory.CreateDirectory(profileDirectory);
            System.Runtime.ProfileOptimization.SetProfileRoot(profileDirectory);
            System.Runtime.ProfileOptimization.StartProfile(profileName + ".jitprofile");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An optimisation only.
        }
    }
}
