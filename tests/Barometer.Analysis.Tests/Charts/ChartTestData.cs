using Barometer.Analysis.Charts;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Loading;

namespace Barometer.Analysis.Tests.Charts;

/// <summary>The issue-18 dataset, reproduction and figures, loaded once for the chart and figure tests.</summary>
internal static class ChartTestData
{
    private static readonly Lazy<(BarometerDataset Data, IssueReproduction Reproduction, IReadOnlyList<NamedFigure> Figures)> Loaded = new(() =>
    {
        var data = BarometerDataLoader.Load();
        var reproduction = IssueReproduction.Reproduce(data, 18);
        return (data, reproduction, IssueFigures.All(reproduction, data));
    });

    public static BarometerDataset Data => Loaded.Value.Data;
    public static IssueReproduction Reproduction => Loaded.Value.Reproduction;
    public static IReadOnlyList<NamedFigure> Figures => Loaded.Value.Figures;

    public static NamedFigure Figure(string name) => Figures.Single(f => f.Name == name);

    public static string RepositoryRoot =>
        DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory) ?? DataDirectory.FindRepositoryRoot()
        ?? throw new InvalidOperationException("tests must run inside the repository");
}
