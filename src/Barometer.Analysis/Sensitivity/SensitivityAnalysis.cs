using Barometer.Analysis.Indices;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Sensitivity;

/// <summary>
/// Monte Carlo of coder disagreement: in each run every score of the catalogue (every relationship score, and the
/// national-security and regional-tension scores of every security event) independently moves one point up with
/// probability flip/2, one point down with probability flip/2, and otherwise stays. The indices are recomputed with
/// the Barometer's rules (<see cref="Points"/>, as <see cref="IndexCalculator"/> does) and summarised per measure.
/// </summary>
/// <remarks>
/// <para>Determinism: the generator is <see cref="Xoshiro256StarStar"/> seeded with <see cref="SensitivityOptions.Seed"/>;
/// each run draws one 64-bit number per score, in a fixed order (partners in catalogue order, each partner's events in
/// catalogue order, then each security event's national then regional score). Same catalogue, options and seed ⇒ same result.</para>
/// <para>Speed: <see cref="SensitivityModel"/> flattens the scores into int arrays once; a run allocates nothing and
/// only increments histogram counters, from which means and percentiles are read at the end.</para>
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>Runs the analysis for <paramref name="issue"/> of <paramref name="data"/>, comparing with its published colour.</summary>
    /// <param name="progress">Told the number of runs done, every few milliseconds of work.</param>
    /// <param name="cancellationToken">Checked as often: a cancelled analysis stops within milliseconds.</param>
    /// <exception cref="UnknownIssueException">The data have no catalogue for <paramref name="issue"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SensitivityResult Run(BarometerDataset data, int issue, SensitivityOptions? options = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var catalogue = data.Catalogue(issue);
        var published = data.PublishedFor(issue).FirstOrDefault(v => v.Measure == Measures.RegionalTensionColour)?.Value;
        return Run(catalogue, data.ColourScale, options, published, progress, cancellationToken);
    }

    /// <summary>Runs the analysis on any catalogue (e.g. a scenario's) with the given colour scale.</summary>
    public static SensitivityResult Run(IssueCatalogue catalogue, ColourScale scale, SensitivityOptions? options = null,
        string? publishedColour = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        SensitivityModel.Create(catalogue, scale).Run(options ?? new SensitivityOptions(), publishedColour, progress, cancellationToken);
}

/// <summary>A catalogue flattened for simulation: build once, run many times (see <see cref="SensitivityAnalysis"/>).</summary>
public sealed class SensitivityModel
{
    private readonly Issue _issue;
    private readonly ColourScale _scale;
    private readonly string[] _partners;
    private readonly int[] _scores;          // relationship scores, grouped by partner
    private readonly int[] _partnerStart;    // partner p's scores are _scores[_partnerStart[p] .. _partnerStart[p + 1])
    private readonly int[] _national;
    private readonly int[] _regional;
    private readonly int[] _baseline;        // per measure (layout below)
    private readonly int[] _low, _high;      // per measure: the bounds of every value a run can produce
    private readonly int[] _histogramStart;  // per measure: offset of its counters in one flat array
    private readonly int _histogramSize;
    private readonly int[] _colourOf;        // band index of regional tension value _low[RT] + i
    private readonly int _baselineColour;

    // Measure layout: partner p has index 3p, positive 3p+1, negative 3p+2; then national security, regional tension.
    private int MeasureCount => 3 * _partners.Length + 2;
    private int NationalIndex => 3 * _partners.Length;
    private int RegionalIndex => 3 * _partners.Length + 1;

    private SensitivityModel(IssueCatalogue catalogue, ColourScale scale)
    {
        _issue = catalogue.Issue;
        _scale = scale;
        _partners = catalogue.Partners.Select(p => p.Code).ToArray();
        var byPartner = catalogue.RelationshipEvents.ToLookup(e => e.PartnerCode);
        var scores = new List<int>();
        _partnerStart = new int[_partners.Length + 1];
        for (var p = 0; p < _partners.Length; p++)
        {
            _partnerStart[p] = scores.Count;
            scores.AddRange(byPartner[_partners[p]].Select(e => e.Score));
        }
        _partnerStart[_partners.Length] = scores.Count;
        _scores = scores.ToArray();
        _national = catalogue.SecurityEvents.Select(e => e.NationalSecurity).ToArray();
        _regional = catalogue.SecurityEvents.Select(e => e.RegionalTension).ToArray();

        _baseline = new int[MeasureCount];
        _low = new int[MeasureCount];
        _high = new int[MeasureCount];
        for (var p = 0; p < _partners.Length; p++)
        {
            var span = _scores.AsSpan(_partnerStart[p], _partnerStart[p + 1] - _partnerStart[p]);
            // Index, positive and negative are sums of monotone functions of each score, so their extremes are
            // reached with every score one down or every score one up.
            Sums(span, 0, out _baseline[3 * p], out _baseline[3 * p + 1], out _baseline[3 * p + 2]);
            Sums(span, -1, out _low[3 * p], out _low[3 * p + 1], out _low[3 * p + 2]);
            Sums(span, +1, out _high[3 * p], out _high[3 * p + 1], out _high[3 * p + 2]);
        }
        // Bounds in long, checked back to int: every sum a run can produce lies within them, so the run sums in int.
        var national = _national.Sum(s => (long)s);
        var regional = _regional.Sum(s => (long)s);
        (_baseline[NationalIndex], _low[NationalIndex], _high[NationalIndex]) =
            (Points.ToInt(national), Points.ToInt(national - _national.Length), Points.ToInt(national + _national.Length));
        (_baseline[RegionalIndex], _low[RegionalIndex], _high[RegionalIndex]) =
            (Points.ToInt(regional), Points.ToInt(regional - _regional.Length), Points.ToInt(regional + _regional.Length));

        _histogramStart = new int[MeasureCount];
        for (var m = 0; m < MeasureCount; m++)
        {
            _histogramStart[m] = _histogramSize;
            _histogramSize += _high[m] - _low[m] + 1;
        }

        var bands = scale.Bands.ToList();
        _colourOf = new int[_high[RegionalIndex] - _low[RegionalIndex] + 1];
        for (var i = 0; i < _colourOf.Length; i++)
        {
            _colourOf[i] = bands.IndexOf(scale.Classify(_low[RegionalIndex] + i));
        }

        _baselineColour = bands.IndexOf(scale.Classify(_baseline[RegionalIndex]));
    }

    public static SensitivityModel Create(IssueCatalogue catalogue, ColourScale scale) => new(catalogue, scale);

    /// <summary>The length <see cref="Simulate"/> needs for its histogram counters (all measures, flat).</summary>
    public int CounterLength => _histogramSize;

    /// <summary>The length <see cref="Simulate"/> needs for its colour counters: one per band of the scale.</summary>
    public int ColourCounterLength => _scale.Bands.Count;

    /// <summary>How many scores a run perturbs.</summary>
    public int ScoreCount => _scores.Length + _national.Length + _regional.Length;

    private static void Sums(ReadOnlySpan<int> scores, int shift, out int index, out int positive, out int negative)
    {
        long p = 0, n = 0;
        foreach (var raw in scores)
        {
            Points.Add<long>((long)raw + shift, ref p, ref n);
        }

        (index, positive, negative) = (Points.ToInt(p + n), Points.ToInt(p), Points.ToInt(n));
    }

    /// <summary>Runs the simulation; <paramref name="publishedColour"/> (if any) is compared with each run's colour too.</summary>
    /// <param name="progress">Told the number of runs done after every <see cref="RunsPerCheck"/> runs.</param>
    /// <param name="cancellationToken">Checked as often.</param>
    public SensitivityResult Run(SensitivityOptions options, string? publishedColour = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var counts = new int[_histogramSize];
        var colourCounts = new int[_scale.Bands.Count];
        Simulate(options, counts, colourCounts, progress, cancellationToken);
        return Summarise(options, counts, colourCounts, publishedColour);
    }

    /// <summary>
    /// How many runs the simulation does between two looks at its cancellation token and progress: about 250,000
    /// random draws, a few milliseconds of work, whatever the catalogue's size.
    /// </summary>
    public int RunsPerCheck => Math.Max(1, 250_000 / Math.Max(1, ScoreCount));

    /// <summary>
    /// The hot loop: fills the histogram counters (flat, per measure) and the colour counters. Allocates nothing.
    /// Every <see cref="RunsPerCheck"/> runs it reports the runs done to <paramref name="progress"/> and checks
    /// <paramref name="cancellationToken"/>; the result does not depend on either.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Simulate(SensitivityOptions options, int[] counts, int[] colourCounts, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (counts.Length < _histogramSize)
        {
            throw new ArgumentException($"needs at least {CounterLength} counters", nameof(counts));
        }

        if (colourCounts.Length < ColourCounterLength)
        {
            throw new ArgumentException($"needs at least {ColourCounterLength} counters", nameof(colourCounts));
        }

        var rng = new Xoshiro256StarStar(options.Seed);
        // u < down ⇒ −1; down ≤ u < up ⇒ +1; otherwise unchanged. Each branch has probability flip/2 (to 2⁻⁶⁴).
        var half = options.Flip / 2;
        var down = half >= 0.5 ? 1UL << 63 : (ulong)(half * 18446744073709551616.0);
        var up = half >= 0.5 ? ulong.MaxValue : down * 2;

        var scores = _scores;
        var starts = _partnerStart;
        var national = _national;
        var regional = _regional;
        var hStart = _histogramStart;
        var low = _low;
        var colourOf = _colourOf;
        var partners = _partners.Length;
        var ni = NationalIndex;
        var ri = RegionalIndex;

        var batch = RunsPerCheck;
        var nextCheck = 0;
        for (var run = 0; run < options.Runs; run++)
        {
            if (run == nextCheck)
            {
                if (run > 0)
                {
                    progress?.Report(run);
                }

                cancellationToken.ThrowIfCancellationRequested();
                nextCheck = run + batch; // runs ≤ MaxRuns: no overflow
            }
            for (var p = 0; p < partners; p++)
            {
                int positive = 0, negative = 0;
                var end = starts[p + 1];
                for (var i = starts[p]; i < end; i++)
                {
                    var u = rng.NextUInt64();
                    Points.Add(scores[i] + (u < down ? -1 : u < up ? 1 : 0), ref positive, ref negative);
                }
                var m = 3 * p;
                counts[hStart[m] + positive + negative - low[m]]++;
                counts[hStart[m + 1] + positive - low[m + 1]]++;
                counts[hStart[m + 2] + negative - low[m + 2]]++;
            }
            int ns = 0, rt = 0;
            for (var j = 0; j < national.Length; j++)
            {
                var u = rng.NextUInt64();
                ns += national[j] + (u < down ? -1 : u < up ? 1 : 0);
                u = rng.NextUInt64();
                rt += regional[j] + (u < down ? -1 : u < up ? 1 : 0);
            }
            counts[hStart[ni] + ns - low[ni]]++;
            counts[hStart[ri] + rt - low[ri]]++;
            colourCounts[colourOf[rt - low[ri]]]++;
        }
        progress?.Report(options.Runs);
    }

    private SensitivityResult Summarise(SensitivityOptions options, int[] counts, int[] colourCounts, string? publishedColour)
    {
        var runs = options.Runs;
        var measures = new List<MeasureDistribution>(MeasureCount);
        for (var m = 0; m < MeasureCount; m++)
        {
            var (name, partner) = m < NationalIndex
                ? ((m % 3) switch { 0 => Measures.Index, 1 => Measures.Positive, _ => Measures.Negative }, _partners[m / 3])
                : (m == NationalIndex ? Measures.NationalSecurity : Measures.RegionalTension, (string?)null);
            var histogram = counts.AsSpan(_histogramStart[m], _high[m] - _low[m] + 1);
            int first = -1, last = -1;
            long sum = 0;
            for (var i = 0; i < histogram.Length; i++)
            {
                if (histogram[i] == 0)
                {
                    continue;
                }

                if (first < 0)
                {
                    first = i;
                }

                last = i;
                sum += (long)histogram[i] * (_low[m] + i);
            }
            var bars = new ValueCount[last - first + 1];
            for (var i = first; i <= last; i++)
            {
                bars[i - first] = new ValueCount(_low[m] + i, histogram[i]);
            }

            var atBaseline = histogram[_baseline[m] - _low[m]];
            measures.Add(new MeasureDistribution(name, partner, _baseline[m], (double)sum / runs,
                Percentile(histogram, _low[m], runs, 0.05), Percentile(histogram, _low[m], runs, 0.95),
                _low[m] + first, _low[m] + last, (double)(runs - atBaseline) / runs, bars));
        }

        var bands = _scale.Bands;
        var published = publishedColour is null
            ? -1
            : bands.ToList().FindIndex(b => string.Equals(b.Colour, publishedColour, StringComparison.OrdinalIgnoreCase));
        var distance = _scale.DistanceToNextColour(_baseline[RegionalIndex]);
        var colour = new ColourSensitivity(
            bands[_baselineColour].Colour,
            published >= 0 ? bands[published].Colour : publishedColour,
            (double)(runs - colourCounts[_baselineColour]) / runs,
            published >= 0 ? (double)(runs - colourCounts[published]) / runs : null,
            bands.Select((b, i) => new ColourCount(b.Colour, colourCounts[i], (double)colourCounts[i] / runs)).ToArray(),
            distance.ToMoreSevere, distance.ToLessSevere);
        return new SensitivityResult(_issue, runs, options.Flip, options.Seed, ScoreCount, measures, colour);
    }

    /// <summary>Nearest-rank percentile: the smallest value whose cumulative count reaches ⌈q·N⌉ (at least 1).</summary>
    private static int Percentile(ReadOnlySpan<int> histogram, int low, int runs, double q)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(q * runs - 1e-9));
        long cumulative = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            cumulative += histogram[i];
            if (cumulative >= rank)
            {
                return low + i;
            }
        }
        return low + histogram.Length - 1;
    }
}
