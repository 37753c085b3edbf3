using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Barometer.Kernel.Formatting;
using Barometer.Kernel.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// What every script session compiles against: the metadata references (the whole shared framework plus this
/// library, for the notebook globals) and the default <c>using</c>s. Building references and JIT-compiling
/// Roslyn are the cold-start cost, so one environment is meant to be shared by all sessions of a process
/// (<see cref="Shared"/>): the same <see cref="MetadataReference"/> objects and options are reused, which lets
/// Roslyn reuse the assembly symbols it built for them (a second notebook's first cell takes milliseconds, not
/// seconds). For the first one, <see cref="EnableStartupProfile"/> (multi-core JIT) is what measurably helps;
/// <see cref="WarmUpAsync"/> only helps a host that has idle time before its first cell.
/// </summary>
public sealed class ScriptEnvironment
{
    /// <summary>
    /// The <c>using</c>s every cell gets: the same set as the .NET Interactive C# kernel (so a notebook that runs
    /// here runs in VS Code Polyglot Notebooks too), plus <c>Barometer.Kernel.Scripting</c> for <c>x.Display()</c>.
    /// </summary>
    public static readonly ImmutableArray<string> DefaultImports =
        ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks", "Barometer.Kernel.Scripting"];

    private static readonly Lazy<ScriptEnvironment> SharedInstance = new(() => new ScriptEnvironment(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<string, ScriptOptions> _optionsByDirectory = new(StringComparer.Ordinal);
    private readonly object _warmUpGate = new();
    private Task? _warmUp;

    /// <summary>Creates an environment; most callers should use <see cref="Shared"/>.</summary>
    /// <param name="extraReferences">References added to every session (e.g. a host's own library).</param>
    /// <param name="extraImports">Namespaces imported in every session, after <see cref="DefaultImports"/>.</param>
    public ScriptEnvironment(IEnumerable<MetadataReference>? extraReferences = null, IEnumerable<string>? extraImports = null)
    {
        References = FrameworkReferences()
            .Add(MetadataReference.CreateFromFile(typeof(NotebookGlobals).Assembly.Location))
            .AddRange(extraReferences ?? []);
        Imports = DefaultImports.AddRange(extraImports ?? []);
        BaseOptions = ScriptOptions.Default
            .WithReferences(References)
            .WithImports(Imports)
            .WithEmitDebugInformation(true) // line numbers in stack traces, mapped back to cells
            .WithFileEncoding(Encoding.UTF8);
    }

    /// <summary>The environment shared by all sessions of this process.</summary>
    public static ScriptEnvironment Shared => SharedInstance.Value;

    /// <summary>The metadata references every session starts with.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The namespaces every session imports.</summary>
    public ImmutableArray<string> Imports { get; }

    internal ScriptOptions BaseOptions { get; }

    /// <summary>
    /// Options for scripts whose <c>#r "relative.dll"</c> and <c>#load "relative.csx"</c> resolve against
    /// <paramref name="baseDirectory"/> (the notebook's folder). Cached per folder.
    /// </summary>
    public ScriptOptions CreateOptions(string baseDirectory)
    {
        var directory = Path.GetFullPath(baseDirectory);
        return _optionsByDirectory.GetOrAdd(directory, dir => BaseOptions
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(dir))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(dir)));
    }

    /// <summary>
    /// Compiles and runs a trivial cell once on a background thread so Roslyn's code is JIT-compiled and the
    /// references' metadata loaded before the first real cell. Idempotent: later calls return the same task.
    /// Failures are swallowed (the first real cell reports them). Worth it only when the host is idle for about
    /// a cold compile (seconds) before its first cell, e.g. while a user opens a notebook: measured on 2 cores,
    /// a first cell started while the warm-up is still running is not faster (both wait for the same JIT work),
    /// so <see cref="Running.NotebookRunner"/> does not call it.
    /// </summary>
    public Task WarmUpAsync()
    {
        lock (_warmUpGate)
        {
            return _warmUp ??= Task.Run(async () =>
            {
                try
                {
                    var options = BaseOptions.WithFilePath("warm-up#cell1");
                    var script = CSharpScript.Create(
                        "var warm = new List<int> { 1, 2 }.Select(x => x * 2).ToList();\nwarm.Count",
                        options,
                        typeof(NotebookGlobals));
                    _ = SubmissionAnalysis.HasTrailingExpression(script);
                    await script.RunAsync(new NotebookGlobals(FormatterSet.Default)).ConfigureAwait(false);
                    _ = FormatterSet.Default.Format(new[] { new { A = 1 } });
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Warm-up is an optimisation only.
                }
            });
        }
    }

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

    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        // All managed assemblies of the shared framework (System.*, Microsoft.*, netstandard, mscorlib), like
        // the .NET Interactive C# kernel; netstandard/mscorlib let #r'd .NET Standard libraries compile.
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in Directory.EnumerateFiles(runtimeDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var candidate = name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) ||
                            name is "System" or "netstandard" or "mscorlib";
            if (!candidate || name.EndsWith(".Native", StringComparison.Ordinal) || !IsManaged(path))
            {
                continue;
            }

            builder.Add(MetadataReference.CreateFromFile(path));
        }

        return builder.ToImmutable();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            _ = AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
        catch (FileLoadException)
        {
            return false;
        }
    }
}
