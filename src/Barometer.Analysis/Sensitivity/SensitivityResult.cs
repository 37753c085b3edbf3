using Barometer.Analysis.Model;

namespace Barometer.Analysis.Sensitivity;

/// <summary>Parameters of a coder-disagreement Monte Carlo.</summary>
/// <param name="Runs">Number of simulated re-codings of the catalogue.</param>
/// <param name="Flip">Probability that a score moves: one point up with probability Flip/2, down with Flip/2.</param>
/// <param name="Seed">Seed of the <see cref="Xoshiro256StarStar"/> generator: the same seed gives the same result.</param>
public sealed record SensitivityOptions(int Runs = SensitivityOptions.DefaultRuns, double Flip = SensitivityOptions.DefaultFlip,
    ulong Seed = SensitivityOptions.DefaultSeed)
{
    public const int DefaultRuns = 10_000;
    public const double DefaultFlip = 0.1;
    /// <summary>The seed used when none is given, so that an unseeded run is reproducible too.</summary>
    public const ulong DefaultSeed = 18;

    /// <summary>
    /// The most runs an analysis takes: 100,000,000. Beyond it no share the analysis reports can move by more than
    /// 0.005 percentage points (the Monte Carlo standard error of a share p after N runs is √(p(1−p)/N) ≤ 0.5/√N), a
    /// twentieth of the 0.1 % the shares are printed to; and at the rate measured for issue 18 on this project's 2-core
    /// machine (about 400,000 runs a second) it already takes about four minutes.
    /// </summary>
    public const int MaxRuns = 100_000_000;

    /// <summary>Throws when the options make no sense (no runs, more than <see cref="MaxRuns"/>, a flip probability outside [0, 1]).</summary>
    public void Validate()
    {
        if (Runs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Runs), Runs, "runs must be at least 1");
        }

        if (Runs > MaxRuns)
        {
            throw new ArgumentOutOfRangeException(nameof(Runs), Runs,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"runs is at most {MaxRuns:N0}: beyond it no reported share can change by more than 0.005 percentage points"));
        }

        if (double.IsNaN(Flip) || Flip < 0 || Flip > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Flip), Flip, "flip is a probability: between 0 and 1");
        }
    }
}

/// <summary>How often a value occurred: one bar of a histogram.</summary>
public sealed record ValueCount(int Value, int Count);

/// <summary>
/// The simulated distribution of one measure. <see cref="P05"/> and <see cref="P95"/> are nearest-rank percentiles
/// (the ⌈0.05·N⌉-th and ⌈0.95·N⌉-th smallest of N runs), so the interval holds values that actually occurred.
/// <see cref="Histogram"/> lists every integer from <see cref="Min"/> to <see cref="Max"/>, zero counts included, ready to chart.
/// </summary>
/// <param name="Measure">A <see cref="Measures"/> name: index, positive, negative, national_security, regional_tension.</param>
public sealed record MeasureDistribution(
    string Measure, string? PartnerCode, int Baseline, double Mean, int P05, int P95, int Min, int Max,
    double ProbabilityDiffersFromBaseline, IReadOnlyList<ValueCount> Histogram);

/// <summary>How often the simulated regional tension fell in one colour.</summary>
public sealed record ColourCount(string Colour, int Count, double Probability);

/// <summary>
/// The regional-tension colour under coder disagreement: the probability that it differs from the baseline
/// (computed from the catalogue) and from the published colour, the distribution over colours, and how far the
/// baseline value is from the next colour on either side (<see cref="ColourScale.DistanceToNextColour"/>:
/// ToMoreSevere is negative, ToLessSevere positive, null at either end of the scale).
/// </summary>
public sealed record ColourSensitivity(
    string Baseline, string? Published,
    double ProbabilityDiffersFromBaseline, double? ProbabilityDiffersFromPublished,
    IReadOnlyList<ColourCount> Distribution,
    int? DistanceToMoreSevere, int? DistanceToLessSevere);

/// <summary>The result of <see cref="SensitivityAnalysis"/>: every measure's distribution and the colour's stability.</summary>
/// <param name="ScoresPerturbed">How many scores each run perturbs: every relationship score and both scores of every security event.</param>
public sealed record SensitivityResult(
    Issue Issue, int Runs, double Flip, ulong Seed, int ScoresPerturbed,
    IReadOnlyList<MeasureDistribution> Measures, ColourSensitivity Colour)
{
    public MeasureDistribution Get(string measure, string? partnerCode = null) =>
        Measures.FirstOrDefault(m => m.Measure == measure && m.PartnerCode == partnerCode)
        ?? throw new KeyNotFoundException($"no measure '{measure}'{(partnerCode is null ? "" : $" for '{partnerCode}'")} in the sensitivity result");
}
