using Barometer.Analysis.Indices;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Reconciliation;

namespace Barometer.Analysis;

/// <summary>An issue reproduced from its catalogue: the computed indices and their reconciliation with the report.</summary>
public sealed record IssueReproduction(IssueCatalogue Catalogue, IssueIndices Indices, IReadOnlyList<ReconciliationRow> Reconciliation)
{
    /// <summary>What the report's own text says of catalogued events, each compared with the event's catalogue row.</summary>
    public IReadOnlyList<TextComparison> TextReconciliation { get; init; } = [];

    /// <summary>The statements of the report's text that disagree with its catalogue.</summary>
    public IEnumerable<TextComparison> TextDisagreements => TextReconciliation.Where(c => !c.Agrees);

    /// <summary>The report's narrative for the issue: the editor's summaries, trends and forecasts, per subject.</summary>
    public IReadOnlyList<NarrativeStatement> Narrative { get; init; } = [];

    /// <summary>The documents the reconciled values are printed in (full citations), in order of first use.</summary>
    public IReadOnlyList<SourceDocument> Sources { get; init; } = [];

    public IEnumerable<ReconciliationRow> Mismatches => Reconciliation.Where(r => !r.IsMatch);

    /// <summary>Loads nothing: computes and reconciles <paramref name="issue"/> from an already loaded dataset.</summary>
    /// <exception cref="UnknownIssueException">The data have no catalogue for <paramref name="issue"/>.</exception>
    public static IssueReproduction Reproduce(BarometerDataset data, int issue)
    {
        var catalogue = data.Catalogue(issue);
        var indices = IndexCalculator.Compute(catalogue, data.ColourScale);
        var rows = Reconciler.Reconcile(indices, data.PublishedFor(issue));
        return new IssueReproduction(catalogue, indices, rows)
        {
            Sources = rows.Select(r => data.SourceOf(r.Source)).OfType<SourceDocument>().Distinct().ToArray(),
            TextReconciliation = TextReconciler.Reconcile(catalogue, data.TextStatements),
            Narrative = data.Narrative.Where(n => n.Issue == issue).ToArray(),
        };
    }

    /// <summary>Why <paramref name="issue"/> cannot be computed: unknown, only published values, or known but without any data.</summary>
    public static string WhyNoCatalogue(BarometerDataset data, int issue) =>
        data.FindIssue(issue) is null ? "is not in data/barometer/issues.csv"
        : data.PublishedFor(issue).Count > 0 ? "has no event catalogue in data/barometer/ (only published values)"
        : "has no event catalogue and no published values in data/barometer/";
}
