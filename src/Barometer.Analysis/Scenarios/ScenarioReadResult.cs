using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Scenarios;

/// <summary>The outcome of reading a scenario file: the scenario when the file is well formed, and every problem found.</summary>
/// <param name="Partial">What could be read despite errors (the well-formed changes), so that the engine can still
/// check them and report every problem of the file at once; null when not even the issue could be read.</param>
public sealed record ScenarioReadResult(Scenario? Scenario, IReadOnlyList<DataError> Errors, Scenario? Partial = null)
{
    public bool Ok => Errors.Count == 0 && Scenario is not null;
    public Scenario OrThrow() => Ok ? Scenario! : throw new DataValidationException(Errors);
}
