using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using NuGet.Versioning;

namespace Barometer.Kernel.Packages;

/// <summary>
/// The NuGet packages of one script session. <c>#r "nuget: Name, Version"</c> directives are resolved by the
/// .NET SDK's <c>dotnet restore</c> of a generated project (<see cref="RestoreProject"/>) that references every
/// package the session asked for, targeting the running framework and runtime identifier; the restore is skipped
/// when that exact package set was restored before and its files are still in the global packages folder.
/// Runtime assemblies of the resolved graph are loaded into the session's <see cref="PackageLoadContext"/> and
/// handed to Roslyn (as <see cref="MetadataReference"/>s for compiling, and as loaded assemblies through
/// <see cref="AssemblyLoader"/> for running). Versions mean what they mean to NuGet: "4.1.5" is at least 4.1.5 (the
/// lowest served version that satisfies it), "[4.1.5]" exactly. A package can be loaded in one version per session:
/// asking again for a loaded package (with a version or range it satisfies) does nothing, asking for another version
/// is an error naming both.
/// </summary>
public sealed class PackageService : IDisposable
{
    private readonly PackageServiceOptions _options;
    private readonly DotNetHost _host;
    private readonly string _cacheDirectory;
    private readonly string _frameworkDirectory;
    private readonly Lazy<PackageLoadContext> _loadContext;
    private readonly InteractiveAssemblyLoader _assemblyLoader = new();
    private readonly Dictionary<string, LoadedPackage> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _sources = [];
    private ImmutableArray<MetadataReference> _references = [];
    private int _restoresRun;

    /// <summary>Creates the service of one session (cheap: nothing is restored or loaded before a directive).</summary>
    public PackageService(PackageServiceOptions? options = null)
    {
        _options = options ?? new PackageServiceOptions();
        _host = _options.Host ?? DotNetHost.Current;
        _cacheDirectory = Path.GetFullPath(_options.CacheDirectory ?? PackageCache.DefaultDirectory);
        _frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        // Created on the first package: a load context is never unloaded, and most sessions load no package.
        _loadContext = new Lazy<PackageLoadContext>(() => new PackageLoadContext("NuGet packages of a script session #" + Guid.NewGuid().ToString("N")[..8]));
    }

    /// <summary>References of the loaded packages' assemblies, for the compiler.</summary>
    public ImmutableArray<MetadataReference> References => _references;

    /// <summary>Packages loaded so far (dependencies included), by id.</summary>
    public IReadOnlyCollection<LoadedPackage> Loaded => _loaded.Values;

    /// <summary>Package sources added with <c>#i "nuget: …"</c>.</summary>
    public IReadOnlyList<string> Sources => _sources;

    /// <summary>How many times this service started <c>dotnet restore</c>.</summary>
    public int RestoresRun => _restoresRun;

    /// <summary>The folder holding the restore projects.</summary>
    public string CacheDirectory => _cacheDirectory;

    /// <summary>The loader Roslyn must use for the session's scripts, so compiled cells bind to the loaded package assemblies.</summary>
    public InteractiveAssemblyLoader AssemblyLoader => _assemblyLoader;

    /// <summary>
    /// Resolves and loads the packages of one cell's directives. <paramref name="streamLine"/> receives the lines
    /// that belong in the cell's output ("Restoring …", "Installed …"). Failures are returned, not thrown; the
    /// session's packages are unchanged by a failed call.
    /// </summary>
    public async Task<PackageLoadResult> AddAsync(IReadOnlyList<PackageDirective> directives, Action<string>? streamLine = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directives);

        // The cell's #i sources count only if the whole cell succeeds: a failed directive leaves the session's sources
        // (and packages) as they were, so one bad source cannot fail every later restore.
        var newSources = new List<string>();
        foreach (var source in directives.Where(d => d.Kind == PackageDirectiveKind.Source))
        {
            var normalized = NormalizeSource(source.Name);
            if (normalized.Length == 0)
            {
                return Failed(source, "the package source is empty; write #i \"nuget: https://my.feed/v3/index.json\" or a folder.");
            }

            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.IsFile)
            {
                if (!Directory.Exists(normalized))
                {
                    return Failed(source, $"the folder '{normalized}' does not exist; a local package source is a folder of .nupkg files (relative to the notebook's folder).");
                }
            }

            if (!_sources.Contains(normalized, StringComparer.Ordinal) && !newSources.Contains(normalized, StringComparer.Ordinal))
            {
                newSources.Add(normalized);
            }
        }

        var wanted = new List<(PackageDirective Directive, VersionRange? Range)>();
        foreach (var directive in directives.Where(d => d.Kind == PackageDirectiveKind.Reference))
        {
            if (directive.Name.Length == 0)
            {
                return Failed(directive, "the directive names no package; write #r \"nuget: Name, Version\".");
            }

            VersionRange? range = null;
            if (directive.Version is not null && !VersionRange.TryParse(directive.Version, allowFloating: true, out range))
            {
                return Failed(directive, $"'{directive.Version}' is not a NuGet version, version range or floating version (e.g. 5.0.0, [1.0,2.0), 5.*, *-*).");
            }

            var twin = wanted.FirstOrDefault(w => w.Directive.Name.Equals(directive.Name, StringComparison.OrdinalIgnoreCase));
            if (twin.Directive is not null)
            {
                if (!string.Equals(twin.Directive.Version, directive.Version, StringComparison.OrdinalIgnoreCase))
                {
                    return Failed(directive, $"package '{directive.Name}' is asked for twice in this cell, as {VersionText(twin.Directive.Version)} (line {twin.Directive.Line}) and as {VersionText(directive.Version)}; a session loads one version of a package.");
                }

                continue;
            }

            if (_loaded.TryGetValue(directive.Name, out var loaded))
            {
                if (IsSatisfiedBy(directive.Version, range, loaded.Version))
                {
                    continue; // already loaded: nothing to do
                }

                return Failed(directive, $"package '{directive.Name}' version {directive.Version} was asked for, but version {loaded.Version.ToNormalizedString()} is already loaded in this session{(loaded.RequestedAs is null ? " (as a dependency of another package)" : string.Empty)}; a session loads one version of a package (restart the kernel to change it).");
            }

            wanted.Add((directive, range));
        }

        if (wanted.Count == 0)
        {
            _sources.AddRange(newSources);
            return new PackageLoadResult([], false, null);
        }

        var result = await RestoreAndLoadAsync(wanted, [.. _sources, .. newSources], streamLine, cancellationToken).ConfigureAwait(false);

        // A source the restore could not use (NU1801) is not kept: later restores would try it again, and wait for it.
        bool IsFailedSource(string source) => result.FailedSources.Contains(source, StringComparer.Ordinal);
        _sources.RemoveAll(IsFailedSource);
        if (result.Succeeded)
        {
            _sources.AddRange(newSources.Where(s => !IsFailedSource(s)));
        }

        return result;
    }

    private async Task<PackageLoadResult> RestoreAndLoadAsync(List<(PackageDirective Directive, VersionRange? Range)> wanted, List<string> sources, Action<string>? streamLine, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var displays = wanted.Select(w => w.Directive.Display).ToList();
        var requirements = _loaded.Values
            .Where(p => p.RequestedAs is not null)
            .Select(p => new PackageRequirement(p.Id, $"[{p.Version.ToNormalizedString()}]"))
            .Concat(wanted.Select(w => new PackageRequirement(w.Directive.Name, RequirementVersion(w.Directive.Version))))
            .ToList();
        var project = RestoreProject.Create(_cacheDirectory, _host, requirements, sources);

        IReadOnlyList<ResolvedPackage> resolved;
        var restoreRan = false;
        List<string> failedSources = [];
        using (await RestoreLock.AcquireAsync(project, cancellationToken).ConfigureAwait(false))
        {
            var cached = project.WasRestored() ? TryRead(project, _host) : null;
            if (cached is not null && cached.All(p => Directory.Exists(p.Directory)))
            {
                resolved = cached;
                Report(PackageProgressStage.UpToDate, displays, $"Restore of {string.Join(", ", displays)} is up to date (local cache, no restore).", null);
            }
            else
            {
                var restoring = $"Restoring {string.Join(", ", displays)}…";
                streamLine?.Invoke(restoring);
                Report(PackageProgressStage.Restoring, displays, restoring, null);
                project.Write();
                restoreRan = true;
                Interlocked.Increment(ref _restoresRun);
                var run = await DotNetRestore.RunAsync(_host, project.ProjectPath, cancellationToken).ConfigureAwait(false);
                failedSources = sources.Where(s => run.SourceWarnings.Any(w => w.Message.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
                if (!run.Succeeded)
                {
                    var failure = RestoreFailure(wanted.Select(w => w.Directive).ToList(), [.. run.Errors, .. run.SourceWarnings]);
                    Report(PackageProgressStage.Failed, displays, failure.Message, stopwatch.Elapsed);
                    return new PackageLoadResult([], true, failure) { FailedSources = failedSources };
                }

                foreach (var warning in run.SourceWarnings)
                {
                    streamLine?.Invoke($"warning {warning.Code}: {warning.Message} The restore used the other sources; this source is not kept for the session's later restores (add it again with #i when it is reachable).");
                }

                try
                {
                    resolved = PackageAssets.Read(project.AssetsPath, _host);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException or ArgumentException)
                {
                    return Failed(wanted[0].Directive, $"the restore's assets file could not be read: {ex.Message}", restoreRan: true);
                }

                project.MarkRestored();
                Report(PackageProgressStage.Restored, displays, $"Restored {string.Join(", ", displays)}", stopwatch.Elapsed);
            }
        }

        // A package already loaded must not have moved to another version because of the new ones.
        foreach (var package in resolved)
        {
            if (_loaded.TryGetValue(package.Id, out var loaded) && loaded.Version != package.Version)
            {
                var culprit = wanted[0].Directive;
                return Failed(culprit, $"loading {string.Join(", ", displays)} needs {package.Id} version {package.Version.ToNormalizedString()}, but version {loaded.Version.ToNormalizedString()} is already loaded in this session; a session loads one version of a package (restart the kernel, and reference both in one cell).", restoreRan);
            }
        }

        var fresh = resolved.Where(p => !_loaded.ContainsKey(p.Id)).ToList();
        var newReferences = new List<MetadataReference>();
        var newlyLoaded = new List<LoadedPackage>();
        try
        {
            foreach (var package in fresh)
            {
                var requested = wanted.FirstOrDefault(w => w.Directive.Name.Equals(package.Id, StringComparison.OrdinalIgnoreCase)).Directive;
                var compile = package.CompileAssemblies.Count > 0 ? package.CompileAssemblies : package.RuntimeAssemblies;
                var assemblies = LoadAssemblies(package.RuntimeAssemblies, compile, package.NativeLibraries, $"package {package.Display}", newReferences);
                newlyLoaded.Add(new LoadedPackage(package.Id, package.Version, requested is null ? null : requested.Version ?? "*", assemblies));
            }
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return Failed(wanted[0].Directive, $"a package assembly could not be loaded: {ex.Message}", restoreRan);
        }

        foreach (var package in newlyLoaded)
        {
            _loaded[package.Id] = package;
        }

        _references = _references.AddRange(newReferences);
        var direct = newlyLoaded.Where(p => p.RequestedAs is not null).Select(p => p.Display).ToList();
        var dependencies = newlyLoaded.Count - direct.Count;
        var message = $"Installed {string.Join(", ", direct)}{(dependencies > 0 ? $" (+{dependencies} dependenc{(dependencies == 1 ? "y" : "ies")})" : string.Empty)}{(restoreRan ? string.Empty : " from the local cache")}.";
        streamLine?.Invoke(message);
        Report(PackageProgressStage.Loaded, direct, message, stopwatch.Elapsed);
        return new PackageLoadResult(newlyLoaded, restoreRan, null) { FailedSources = failedSources };
    }

    /// <summary>
    /// Loads <paramref name="runtimeAssemblies"/> into the session's load context (registered with Roslyn's loader, so
    /// cells bind to them) and adds references to <paramref name="compileAssemblies"/> (what a project compiles
    /// against) to <paramref name="references"/>, through the session's <see cref="SessionReferences"/>: an
    /// assembly the framework or the session already has is not loaded or referenced a second time. Used for packages
    /// and for a <c>#:project</c>'s closure alike, so the session has one load context and one version per assembly.
    /// Returns the runtime assemblies loaded.
    /// </summary>
    internal List<string> LoadAssemblies(IEnumerable<string> runtimeAssemblies, IEnumerable<string> compileAssemblies, IEnumerable<string> nativeLibraries, string origin, List<MetadataReference> references)
    {
        bool FromFramework(string path) => File.Exists(Path.Combine(_frameworkDirectory, Path.GetFileName(path)));
        var runtime = runtimeAssemblies.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !FromFramework(p)).ToList();
        _loadContext.Value.Register(runtime, nativeLibraries);
        foreach (var path in runtime)
        {
            var assembly = _loadContext.Value.LoadPackageAssembly(path);
            _assemblyLoader.RegisterDependency(assembly);
        }

        foreach (var path in compileAssemblies.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !FromFramework(p)))
        {
            var reference = HostReference(path, origin, _options.SessionReferences) ?? MetadataReference.CreateFromFile(path);
            var adopted = _options.SessionReferences?.Adopt(reference, origin) ?? reference;
            if (ReferenceEquals(adopted, reference))
            {
                references.Add(reference);
            }
        }

        return runtime;
    }

    /// <summary>
    /// A reference to the kernel process's own copy of the assembly <paramref name="compileAssembly"/> names, when the
    /// process has one (at that version or later): cells run against that copy (<see cref="HostAssemblies"/>), so they
    /// must compile against it too, or an API the package's version has and the process's lacks compiles and then fails
    /// with <c>MissingMethodException</c>. A different version says so in the cell. Null: the package's own.
    /// </summary>
    private static PortableExecutableReference? HostReference(string compileAssembly, string origin, SessionReferences? sessionReferences)
    {
        System.Reflection.AssemblyName wanted;
        try
        {
            wanted = System.Reflection.AssemblyName.GetAssemblyName(compileAssembly);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }

        if (HostAssemblies.TryLoad(wanted) is not { Location: { Length: > 0 } location } host || location == compileAssembly)
        {
            return null;
        }

        if (host.GetName().Version is { } version && version != wanted.Version)
        {
            sessionReferences?.Note(
                $"{origin} brings {wanted.Name} {wanted.Version}, but this kernel's own process carries {wanted.Name} {version} ({location}); "
                + "cells compile and run against the process's copy (a process loads the copy it has).");
        }

        return MetadataReference.CreateFromFile(location);
    }

    /// <summary>Adds references (e.g. a project's) to those every later cell compiles with.</summary>
    internal void AddReferences(IEnumerable<MetadataReference> references) => _references = _references.AddRange(references);

    private static IReadOnlyList<ResolvedPackage>? TryRead(RestoreProject project, DotNetHost host)
    {
        try
        {
            return PackageAssets.Read(project.AssetsPath, host);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException or ArgumentException)
        {
            return null;
        }
    }

    private static PackageFailure RestoreFailure(List<PackageDirective> wanted, IReadOnlyList<RestoreMessage> errors)
    {
        var details = errors.Select(e => e.Code is null ? e.Message : $"{e.Code}: {e.Message}").ToList();

        // Name the package the restore complained about, else the first one of the cell.
        foreach (var directive in wanted)
        {
            var about = errors.FirstOrDefault(e => e.Message.Contains(directive.Name, StringComparison.OrdinalIgnoreCase));
            if (about is not null)
            {
                return new PackageFailure(directive, $"restore failed: {(about.Code is null ? string.Empty : about.Code + ": ")}{about.Message}", details);
            }
        }

        var first = errors.Count > 0 ? errors[0] : null;
        var text = first is null ? "dotnet restore failed without a message" : (first.Code is null ? first.Message : $"{first.Code}: {first.Message}");
        return new PackageFailure(wanted[0], $"restore failed: {text}", details);
    }

    private PackageLoadResult Failed(PackageDirective directive, string message, bool restoreRan = false)
    {
        Report(PackageProgressStage.Failed, [directive.Display], message, null);
        return new PackageLoadResult([], restoreRan, new PackageFailure(directive, message, []));
    }

    private void Report(PackageProgressStage stage, IReadOnlyList<string> packages, string message, TimeSpan? duration)
    {
        _options.Progress?.Report(new PackageProgress(stage, packages, message, duration));
    }

    private string NormalizeSource(string source)
    {
        var trimmed = source.Trim();
        if (trimmed.Length == 0 || Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return trimmed;
        }

        return Path.GetFullPath(trimmed, _options.BaseDirectory ?? Directory.GetCurrentDirectory());
    }

    /// <summary>
    /// The PackageReference version for a directive: as NuGet reads it (a plain "4.1.5" is a minimum, and NuGet takes
    /// the lowest served version at or above it; "[4.1.5]" is exactly; ranges and floating versions as written); no
    /// version means the newest stable.
    /// </summary>
    internal static string RequirementVersion(string? version) => version ?? "*";

    private static bool IsSatisfiedBy(string? version, VersionRange? range, NuGetVersion loaded)
    {
        if (version is null || range is null)
        {
            return true;
        }

        return range.IsFloating ? range.Float!.Satisfies(loaded) || range.Satisfies(loaded) : range.Satisfies(loaded);
    }

    private static string VersionText(string? version) => version is null ? "newest stable" : $"version {version}";

    /// <inheritdoc />
    public void Dispose() => _assemblyLoader.Dispose();
}
