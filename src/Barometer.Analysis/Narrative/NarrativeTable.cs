using Barometer.Analysis.Figures;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Narrative;

/// <summary>
/// One relationship of an issue, or its security section: the value computed from the catalogue beside the value
/// the report prints and what the report says of it — the editor's summary as printed, the trends and the forecast
/// in short paraphrase (<c>narrative.csv</c>).
/// </summary>
/// <param name="Subject">A partner code, or <see cref="NarrativeStatement.Security"/>.</param>
/// <param name="Computed">From the catalogue: the aggregate index, or for security both indices and the colour.</param>
/// <param name="Printed">What the report prints for the same (<c>—</c> where it prints nothing).</param>
public sealed record NarrativeRow(
    string Subject, string Name, string Computed, string Printed, string Summary,
    IReadOnlyList<string> Trends, IReadOnlyList<string> Forecast);

/// <summary>Puts each relationship's computed index next to what the report prints and says of it.</summary>
public static class NarrativeTable
{
    /// <summary>One row per partner of the issue, in the catalogue's order, then one for security.</summary>
    public static IReadOnlyList<NarrativeRow> Build(IssueReproduction reproduction)
    {
        var published = reproduction.Reconciliation;
        string Printed(string measure, string? partner) =>
            published.FirstOrDefault(r => r.Measure == measure && r.Partner?.Code == partner)?.Published is { } v
                ? (PublishedValue.ParseInteger(v) is { } n ? FigureStyle.Signed(n) : v)
                : "—";
        var rows = reproduction.Indices.Relationships.Select(x =>
        {
            var header = Printed(Measures.Index, x.Partner.Code);
            var printed = header != "—" ? header
                : Printed(Measures.CatalogueTotal, x.Partner.Code) is var total and not "—" ? $"{total} (catalogue total; no header index)" : "—";
            return Row(reproduction, x.Partner.Code, x.Partner.Name, FigureStyle.Signed(x.Index), printed);
        }).ToList();
        var s = reproduction.Indices.Security;
        rows.Add(Row(reproduction, NarrativeStatement.Security, "Security",
            $"national security {FigureStyle.Signed(s.NationalSecurity)}, regional tension {FigureStyle.Signed(s.RegionalTension)} ({s.Colour.Colour})",
            $"national security {Printed(Measures.NationalSecurity, null)}, regional tension {Printed(Measures.RegionalTension, null)} ({Printed(Measures.RegionalTensionColour, null)})"));
        return rows;
    }

    private static NarrativeRow Row(IssueReproduction r, string subject, string name, string computed, string printed)
    {
        IReadOnlyList<string> Of(string kind) =>
            r.Narrative.Where(n => n.Subject == subject && n.Kind == kind).OrderBy(n => n.Number).Select(n => n.Text).ToArray();
        return new NarrativeRow(subject, name, computed, printed, string.Join(" ", Of(NarrativeKinds.Summary)),
            Of(NarrativeKinds.Trend), Of(NarrativeKinds.Forecast));
    }
}
