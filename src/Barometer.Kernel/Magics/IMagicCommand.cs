namespace Barometer.Kernel.Magics;

/// <summary>
/// A magic command (<c>#!time</c>, <c>#!who</c>, …) or a kernel whose cells this kernel shows instead of running
/// (<c>#!html</c>, <c>#!markdown</c>, <c>#!javascript</c>, <c>#!value</c>): what <see cref="MagicRegistry"/> maps a
/// <c>#!</c> name to.
/// </summary>
internal interface IMagicCommand
{
    /// <summary>The name with its <c>#!</c>: <c>#!time</c>.</summary>
    string Name { get; }

    /// <summary>Other names (<c>#!js</c> for <c>#!javascript</c>).</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>How to write it (<c>#!share --from value NAME [--as NAME]</c>).</summary>
    string Usage { get; }

    /// <summary>What it does, in one sentence (for <c>#!lsmagic</c>).</summary>
    string Description { get; }

    /// <summary>True for a kernel line: the lines after it, up to the next kernel line, are its content.</summary>
    bool IsKernel => false;

    /// <summary>Checks the line's arguments before any part of the cell runs.</summary>
    /// <exception cref="MagicException">The arguments are wrong.</exception>
    void Check(MagicLine line);

    /// <summary>Runs it.</summary>
    /// <param name="line">Its line.</param>
    /// <param name="content">For a kernel line: the text of the lines it governs (blank lines trimmed); else null.</param>
    /// <param name="context">The session and cell it runs in.</param>
    /// <param name="cancellationToken">Cancelled on interrupt.</param>
    /// <exception cref="MagicException">It cannot do what the line asks.</exception>
    Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken);
}
