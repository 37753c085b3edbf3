using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Scenarios;
using Barometer.Analysis.Sensitivity;
using BenchmarkDotNet.Attributes;

namespace Barometer.Analysis.Benchmarks;

/// <summary>
/// The coder-disagreement Monte Carlo on issue 18 (121 relationship and 16 security events: 153 scores per run).
/// <see cref="Simulate"/> is the hot loop alone (into preallocated counters), <see cref="Run"/> adds the summary
/// (means, percentiles, histograms), <see cref="EndToEnd"/> also flattens the catalogue.
/// </summary>
public class SensitivityBenchmarks
{
    private IssueCatalogue _catalogue = null!;
    private ColourScale _scale = null!;
    private SensitivityModel _model = null!;
    private SensitivityOptions _options = null!;
    private int[] _counts = null!;
    private int[] _colours = null!;

    [Params(10_000)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = BarometerDataLoader.Load();
        _catalogue = data.Catalogue(18);
        _scale = data.ColourScale;
        _model = SensitivityModel.Create(_catalogue, _scale);
        _options = new SensitivityOptions(Runs, 0.1, 18);
        _counts = new int[_model.CounterLength];
        _colours = new int[_model.ColourCounterLength];
    }

    [Benchmark]
    public void Simulate()
    {
        Array.Clear(_counts);
        Array.Clear(_colours);
        _model.Simulate(_options, _counts, _colours);
    }

    [Benchmark(Baseline = true)]
    public SensitivityResult Run() => _model.Run(_options, "Yellow");

    [Benchmark]
    public SensitivityResult EndToEnd() => SensitivityAnalysis.Run(_catalogue, _scale, _options, "Yellow");
}

/// <summary>One what-if scenario (remove, rescore, add, thresholds) applied and compared with the baseline.</summary>
public class ScenarioBenchmarks
{
    private BarometerDataset _data = null!;
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = BarometerDataLoader.Load();
        _scenario = new Scenario("bench", 18,
        [
            new RemoveEvent("18-US-20"), new RescoreEvent("18-EU-03", Score: -1),
            new AddRelationshipEvent("EU", "2020-12-20", "Hypothetical ministerial visit", 2),
            new AddSecurityEvent("December", "Hypothetical exercise", 0, -2),
            new ReplaceThresholds([new("White", 0, null), new("Green", -8, -1), new("Yellow", null, -9)]),
        ]);
    }

    [Benchmark]
    public ScenarioResult ApplyAndCompare() => ScenarioEngine.Run(_data, _scenario);
}
