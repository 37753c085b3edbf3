namespace Barometer.Kernel.Magics;

/// <summary>
/// <c>#!csharp</c> (<c>#!c#</c>, <c>#!cs</c>): the lines after it are C#. Anywhere in a cell; the preprocessor takes the
/// line out (line numbers unchanged). Listed by <c>#!lsmagic</c>; never run as a step.
/// </summary>
internal sealed class CSharpKernelLine : IMagicCommand
{
    public string Name => "#!csharp";

    public IReadOnlyList<string> Aliases => ["#!c#", "#!C#", "#!cs"];

    public string Usage => "#!csharp";

    public string Description => "The lines after it are C# (the default).";

    public bool IsKernel => true;

    public void Check(MagicLine line) => MagicArguments.None(line);

    public Task RunAsync(MagicLine line, string? content, IMagicContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("C# lines are compiled by the session, not run as a magic command.");
}
