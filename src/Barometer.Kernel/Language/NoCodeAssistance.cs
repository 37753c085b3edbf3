namespace Barometer.Kernel.Language;

/// <summary>No completions, nothing found.</summary>
public sealed class NoCodeAssistance : ICodeAssistance
{
    /// <summary>The instance.</summary>
    public static readonly NoCodeAssistance Instance = new();

    /// <inheritdoc />
    public Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken) =>
        Task.FromResult(CompletionResult.Empty(cursorPosition));

    /// <inheritdoc />
    public Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken) =>
        Task.FromResult(InspectionResult.NotFound);

    /// <inheritdoc />
    public Task WarmUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
