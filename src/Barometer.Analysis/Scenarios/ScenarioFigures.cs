using System.Text;
using Barometer.Analysis.Charts;
using Barometer.Analysis.Model;
using static Barometer.Analysis.Figures.FigureStyle;

namespace Barometer.Analysis.Scenarios;

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
            var lines = new List<string> { PlotlyText.Escape(Label(m)), m.Changed ? PlotlyText.Bold($"Δ {Signed(m.Delta)}") : "no change" };
            if (m.Measure == Measures.RegionalTension)
                lines.Add(r.Colour.Changed
                    ? PlotlyText.Bold(PlotlyText.Escape($"{r.Colour.Baseline} → {r.Colour.Scenario}"))
                    : PlotlyText.Escape(r.Colour.Scenario));
            return string.Join(PlotlyText.LineBreak, lines);
        }).ToArray();

        Bar Bars(string name, string colour, Func<MeasureComparison, int> value) =>
            Chart.Bar(x, shown.Select(value), PlotlyText.Escape(name)) with
            {
                Marker = new Marker { Color = colour },
                Text = shown.Select(m => Signed(value(m))).ToArray(),
                TextPosition = "outside",
                CustomData = shown.Select(m => (object?)$"{Signed(value(m))} (Δ {Signed(m.Delta)})").ToArray(),
                HoverTemplate = $"%{{x}}<br>{PlotlyText.Escape(name)}: %{{customdata}}<extra></extra>",
                ClipOnAxis = false,
            };

        var baseline = Bars($"Baseline (issue {issue.Number} catalogue)", BaselineColour, m => m.Baseline);
        var scenario = Bars($"Scenario: {r.Scenario.Name}", ScenarioColour, m => m.Scenario);
        var extent = shown.SelectMany(m => new[] { Math.Abs(m.Baseline), Math.Abs(m.Scenario) }).DefaultIfEmpty(1).Max();

        var hypothetical = r.AppliedChanges.Count(c => c.Hypothetical && c.Before is null);
        var subtitle = new StringBuilder($"{r.AppliedChanges.Count} change(s) to issue {issue.Number}");
        if (hypothetical > 0) subtitle.Append($", {hypothetical} hypothetical event(s) added");
        if (r.ThresholdsChanged) subtitle.Append(", alternative colour thresholds");
        subtitle.Append($"; regional-tension colour {r.Colour.Baseline}{(r.Colour.Changed ? $" → {r.Colour.Scenario}" : " (unchanged)")}");

        var figure = Chart.Combine(baseline, scenario)
            .WithLayout(_ => BaseLayout($"What if: {r.Scenario.Name}", subtitle.ToString()) with
            {
                BarMode = "group",
                BarGap = 0.25,
                Legend = new Legend { Orientation = "h", X = 1, Y = 1.0, XAnchor = "right", YAnchor = "bottom" },
            })
            .WithXAxis(new Axis { TickMode = "array", TickVals = x, TickText = ticks, FixedRange = true, AutoMargin = true })
            .WithYAxis(PointsAxis(extent))
            .WithMargin(new Margin { Left = 70, Right = 30, Top = 100, Bottom = 40 });
        var name = FigureName(r.Scenario);
        figure = figure.WithImageButton(name, 960, 540);

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
            figure, table);
    }

    /// <summary>The figure's file stem: <c>whatif-</c> and the scenario file's name (or the scenario's name) as a slug.</summary>
    public static string FigureName(Scenario scenario)
    {
        var source = scenario.File is null ? scenario.Name : Path.GetFileNameWithoutExtension(scenario.File);
        var slug = new StringBuilder();
        foreach (var c in source.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "whatif" : "whatif-" + text;
    }
}
