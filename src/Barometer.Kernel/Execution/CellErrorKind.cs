namespace Barometer.Kernel.Execution;

/// <summary>The kinds of cell errors.</summary>
public enum CellErrorKind
{
    /// <summary>The C# did not compile.</summary>
    Compilation,

    /// <summary>The code threw an exception.</summary>
    Exception,

    /// <summary>The cell exceeded its timeout.</summary>
    Timeout,

    /// <summary>The cell was interrupted.</summary>
    Interrupted,

    /// <summary>The kernel process died while running the cell.</summary>
    KernelDied,

    /// <summary>The cell is in a language other than C#.</summary>
    UnsupportedLanguage,

    /// <summary>A <c>#r "nuget:..."</c> / <c>#i "nuget:..."</c> directive failed (unknown package or version, unreachable feed, version conflict).</summary>
    NuGetReference,

    /// <summary>The cell uses a <c>#!</c> line (magic command or kernel name) this kernel does not know.</summary>
    UnsupportedDirective,

    /// <summary>A <c>#:project</c> directive failed (no such project, a build error, an output that cannot be loaded).</summary>
    ProjectReference,

    /// <summary>A magic command this kernel supports could not run as written (bad arguments, no such value, an unreadable file).</summary>
    MagicCommand,
}
