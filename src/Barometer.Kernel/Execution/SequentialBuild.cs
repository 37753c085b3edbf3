using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Barometer.Kernel.Execution;

/// <summary>
/// Compiles a submission's method bodies on the calling thread. Roslyn's scripting API creates each submission's
/// compilation with <c>concurrentBuild</c> on (it offers no option for it), so even a <c>1 + 1</c> hands its few types to
/// the thread pool and waits for them: on the 2-core machine, chains of 50 trivial cells took 0.78× the CPU and 0.64× the
/// wall time without it (8 alternating pairs, load 31). The output is the same either way. The option is set on the
/// script's compilation (created and cached by <see cref="Script.GetCompilation"/>) before anything binds it, through
/// the field that caches it; if a Roslyn version names that field otherwise, this does nothing and cells compile as before.
/// </summary>
internal static class SequentialBuild
{
    private static readonly FieldInfo? LazyCompilation = Find();

    /// <summary>Turns <c>concurrentBuild</c> off for <paramref name="script"/>'s compilation; call before it is compiled.</summary>
    public static void Apply(Script script)
    {
        var compilation = script.GetCompilation();
        if (LazyCompilation is null || !compilation.Options.ConcurrentBuild)
        {
            return;
        }

        LazyCompilation.SetValue(script, compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)));
    }

    private static FieldInfo? Find()
    {
        var field = typeof(Script).GetField("_lazyCompilation", BindingFlags.Instance | BindingFlags.NonPublic);
        return field?.FieldType == typeof(Compilation) ? field : null;
    }
}
