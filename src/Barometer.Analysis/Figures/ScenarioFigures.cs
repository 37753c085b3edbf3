using System.Globalization;
using System.Text;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using Barometer.Analysis.Scenarios;
using Plotly.NET;
using static Barometer.Analysis.Charts.PlotlyProperties;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Figures;

/// <summary>
/// The figure of a what-if scenario: baseline vs scenario per measure (a pure function of the result, like the issue
/// figures in <c>Figures/</c>), exported by <c>barometer whatif --out DIR</c>.
/// </summary>
public static class ScenarioFigures
{
    public const string BaselineColour = "#9e9e9e";
    public const string ScenarioColour = "#1f5fbf";

    /// <summary>
    /// Grouped bars, baseline and scenario, for each partner's index and the two security indices. The tick under each
    /// group gives the change (and, for regional tension, the colour before → after). The data table (CSV) holds every
    /// measure, positive and negative points and the colour included.
    /// </summary>
    public static NamedFigure Comparison(ScenarioResult r)
    {
        var issue = r.Baseline.Issue;
        var names = r.BaselineCatalogue.Partners.ToDictionary(p => p.Code, p => p.Name);
        string Label(MeasureComparison m) => m.Measure switch
        {
            Measures.NationalSecurity => "National security",
            Measures.RegionalTension => "Regional tension",
            _ => $"{names.GetValueOrDefault(m.PartnerCode!, m.PartnerCode!)} {m.Measure}",
        };

        var shown = r.Measures.Where(m => m.PartnerCode is null || m.Measure == Measures.Index).ToArray();
        var x = shown.Select(m => PlotlyText.Escape(Label(m))).ToArray();
        var ticks = shown.Select(m =>
        {
            var lines = new List<string> { PlotlyText.Escape(Label(m)), m.Changed ? PlotlyText.Bold($"Δ {SignedLabel(m.Delta)}") : "no change" };
            if (m.Measure == Measures.RegionalTension)
            {
                lines.Add(r.Colour.Changed
                    ? PlotlyText.Bold(PlotlyText.Escape($"{r.Colour.Baseline} → {r.Colour.Scenario}"))
                    : PlotlyText.Escape(r.Colour.Scenario));
            }

            return string.Join(PlotlyText.LineBreak, lines);
        }).ToArray();

        Trace2D Bars(string name, string colour, Func<MeasureComparison, int> value) => Trace("bar",
            ("name", PlotlyText.Escape(name)), ("x", x), ("y", shown.Select(value).ToArray()),
            ("marker", Object(("color", colour))),
            ("text", shown.Select(m => SignedLabel(value(m))).ToArray()), ("textposition", "outside"),
            ("customdata", shown.Select(m => $"{SignedLabel(value(m))} (Δ {SignedLabel(m.Delta)})").ToArray()),
            ("hovertemplate", $"%{{x}}<br>{PlotlyText.Escape(name)}: %{{customdata}}<extra></extra>"),
            ("cliponaxis", false));

        var baseline = Bars($"Baseline (issue {issue.Number} catalogue)", BaselineColour, m => m.Baseline);
        var scenario = Bars($"Scenario: {r.Scenario.Name}", ScenarioColour, m => m.Scenario);
        var extent = shown.SelectMany(m => new[] { Math.Abs(m.Baseline), Math.Abs(m.Scenario) }).DefaultIfEmpty(1).Max();

        var hypothetical = r.AppliedChanges.Count(c => c.Hypothetical && c.Before is null);
        var subtitle = new StringBuilder($"{r.AppliedChanges.Count} change(s) to issue {issue.Number}");
        if (hypothetical > 0)
        {
            subtitle.Append(CultureInfo.InvariantCulture, $", {hypothetical} hypothetical event(s) added");
        }

        if (r.ThresholdsChanged)
        {
            subtitle.Append(", alternative colour thresholds");
        }

        subtitle.Append(CultureInfo.InvariantCulture, $"; regional-tension colour {r.Colour.Baseline}{(r.Colour.Changed ? $" → {r.Colour.Scenario}" : " (unchanged)")}");

        var name = FigureName(r.Scenario);
        var layout = BaseLayout($"What if: {r.Scenario.Name}", subtitle.ToString())
            .Set("barmode", "group").Set("bargap", 0.25)
            .Set("legend", HorizontalLegend(1, 1.0, "right", "bottom"))
            .Set("xaxis", Object(("tickmode", "array"), ("tickvals", x), ("ticktext", ticks), ("fixedrange", true), ("automargin", true)))
            .Set("yaxis", PointsAxis(extent))
            .Set("margin", Margin(70, 30, 110, 40));
        var chart = PlotlyProperties.Chart([baseline, scenario], layout, ConfigFor(name, 960, 540));

        var rows = r.Measures
            .Select(m => (IReadOnlyList<object?>)[issue.Number, r.Scenario.Name, m.Measure, m.PartnerCode,
                m.PartnerCode is null ? null : names.GetValueOrDefault(m.PartnerCode), m.Baseline, m.Scenario, m.Delta])
            .Append([issue.Number, r.Scenario.Name, Measures.RegionalTensionColour, null, null, r.Colour.Baseline, r.Colour.Scenario,
                r.Colour.Changed ? "changed" : "same"])
            .ToArray();
        var table = new FigureTable(["issue", "scenario", "measure", "partner_code", "partner", "baseline", "scenario_value", "delta"], rows);
        return new NamedFigure(name, $"What if: {r.Scenario.Name}",
            $"Baseline (the issue-{issue.Number} catalogue) against the scenario for each relationship index and the two security indices; " +
            "hypothetical events exist only in the scenario.",
            chart, table);
    }

    /// <summary>The figure's file stem: <c>whatif-</c> and the scenario file's name (or the scenario's name) as a slug.</summary>
    public static string FigureName(Scenario scenario)
    {
        var source = scenario.File is null ? scenario.Name : Path.GetFileNameWithoutExtension(scenario.File);
        var slug = new StringBuilder();
        foreach (var c in source.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "whatif" : "whatif-" + text;
    }
}
