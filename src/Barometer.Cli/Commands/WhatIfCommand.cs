using System.CommandLine;
using System.Globalization;
using System.Text;
using Barometer.Analysis.Figures;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Barometer.Analysis.Scenarios;
using Barometer.Cli.Export;
using Barometer.Cli.Rendering;
using Spectre.Console;
using static Barometer.Cli.Rendering.DisplayText;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer whatif FILE [--data DIR] [--format table|json|markdown] [--out DIR]</c>: applies a scenario file
/// (see <see cref="ScenarioReader"/>) to its issue and compares every measure with the baseline.
/// </summary>
internal static class WhatIfCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The scenario file (YAML), e.g. scenarios/without-december-sanctions.yaml.",
        };
        var data = CommonOptions.Data();
        var format = CommonOptions.Format();
        var outDir = new Option<string?>("--out")
        {
            Description = "Also write the comparison figure (baseline vs scenario per measure) into this folder.",
        };
        var browserTimeout = CommonOptions.BrowserTimeout();
        var command = new Command("whatif",
            "Apply a what-if scenario (remove, rescore or add events, or change the colour thresholds) to an issue and compare it with the baseline.")
        {
            file, data, format, outDir, browserTimeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (CommonOptions.LoadDataset(parse.GetValue(data), ct) is not { } dataset)
            {
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(file)!;
            var outcome = ScenarioEngine.TryRunFile(dataset, path, path);
            if (!outcome.Ok)
            {
                foreach (var e in outcome.Errors)
                {
                    Console.Error.WriteLine(e);
                }

                Console.Error.WriteLine($"error: the scenario has {outcome.Errors.Count} problem(s).");
                return ExitCodes.BadInput;
            }
            var result = outcome.Result!;
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json: Console.Out.WriteLine(ScenarioJson.Serialize(result, dataset.Partners)); break;
                case OutputFormat.Markdown: Console.Out.Write(Markdown(result, dataset)); break;
                default: WriteTables(CliConsole.Create(), result, dataset); break;
            }

            return parse.GetValue(outDir) is { } folder
                ? await FigureExport.ExportAsync([ScenarioFigures.Comparison(result)], folder, requireImages: false,
                    TimeSpan.FromSeconds(parse.GetValue(browserTimeout)), ct)
                : ExitCodes.Ok;
        });
        return command;
    }


    private static string Delta(int n) => n == 0 ? "0" : Signed(n);

    private static string Name(BarometerDataset data, string? code) =>
        code is null ? "—" : code == BarometerDataLoader.SecurityCode ? "security" : Partner(code, data.Partners.FirstOrDefault(p => p.Code == code)?.Name ?? code);

    /// <summary>Compact scores of a change: "-3 → removed", "-3 → -1", "new: +2"; security as "NS -1 RT -1".</summary>
    private static string ScoreChange(AppliedChange c) => (c.Before, c.After) switch
    {
        ({ } b, null) => $"{Scores(b)} → removed",
        (null, { } a) => $"new: {Scores(a)}",
        ({ } b, { } a) => $"{Scores(b)} → {Scores(a)}",
        _ => "",
    };

    private static string Scores(EventScores s) =>
        s.Score is { } score ? Signed(score) : $"NS {Signed(s.NationalSecurity ?? 0)} RT {Signed(s.RegionalTension ?? 0)}";

    private static string MeasureLabel(string measure) => DisplayText.MeasureLabel(measure);

    private static string Distance((int? ToMoreSevere, int? ToLessSevere) d) =>
        $"{(d.ToMoreSevere is { } down ? $"{Signed(down)} to the next more severe colour" : "no more severe colour")}, " +
        $"{(d.ToLessSevere is { } up ? $"{Signed(up)} to the next less severe" : "no less severe colour")}";

    private static void WriteTables(IAnsiConsole console, ScenarioResult r, BarometerDataset data)
    {
        var s = r.Scenario;
        CliConsole.Heading(console, $"[bold]What if: {Markup.Escape(s.Name)}[/] [grey](issue {s.Issue})[/]");
        if (s.Description is not null)
        {
            console.MarkupLine(Markup.Escape(s.Description));
        }

        var changes = new Table().Title("Changes applied").AddColumns("#", "Change", "Event", "Date", "Label", "Scores");
        var n = 0;
        foreach (var c in r.AppliedChanges)
        {
            n++;
            if (c.EventId is null)
            {
                changes.AddRow(n.ToString(CultureInfo.InvariantCulture), c.Kind, "—", "—", Markup.Escape(c.Description), "");
                continue;
            }
            changes.AddRow(
                n.ToString(CultureInfo.InvariantCulture),
                c.Kind,
                c.Hypothetical ? $"[yellow]{Markup.Escape(c.EventId)}[/]\n[yellow italic]hypothetical[/]" : Markup.Escape(c.EventId),
                Markup.Escape(c.Date ?? ""),
                Markup.Escape(c.Label ?? ""),
                Markup.Escape(ScoreChange(c)));
        }
        changes.Columns[5].NoWrap();
        CliConsole.Write(console, changes);

        var measures = new Table().Title("Baseline vs scenario").AddColumns("Relationship", "Measure", "Baseline", "Scenario", "Δ");
        foreach (var m in r.Measures)
        {
            var style = m.Changed ? "bold" : "grey";
            measures.AddRow(
                Markup.Escape(m.PartnerCode is null ? "security" : Name(data, m.PartnerCode)),
                MeasureLabel(m.Measure),
                Signed(m.Baseline), $"[{style}]{Signed(m.Scenario)}[/]", $"[{style}]{Delta(m.Delta)}[/]");
        }
        var colour = r.Colour;
        measures.AddRow("security", "regional-tension colour", Markup.Escape(colour.Baseline),
            colour.Changed ? $"[bold]{Markup.Escape(colour.Scenario)}[/]" : $"[grey]{Markup.Escape(colour.Scenario)}[/]",
            colour.Changed ? "[bold red]changed[/]" : "[grey]same[/]");
        foreach (var i in new[] { 2, 3, 4 })
        {
            measures.Columns[i].RightAligned();
        }

        CliConsole.Write(console, measures);

        if (r.ThresholdsChanged)
        {
            console.MarkupLine($"[yellow]Colour scale replaced:[/] {Markup.Escape(string.Join("; ", r.ScenarioScale.Bands.Select(b => b.PublishedRange)))}");
        }

        console.MarkupLine($"[grey]Distance to the next colour — baseline: {Markup.Escape(Distance(colour.BaselineDistance))}; " +
                           $"scenario: {Markup.Escape(Distance(colour.ScenarioDistance))}.[/]");
        if (r.AppliedChanges.Any(c => c.Hypothetical))
        {
            console.MarkupLine("[yellow]Events marked hypothetical are not in the report's catalogue; they exist only in this scenario.[/]");
        }
    }

    private static string Markdown(ScenarioResult r, BarometerDataset data)
    {
        var s = r.Scenario;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# What if: {Cell(s.Name)} (issue {s.Issue})").AppendLine();
        if (s.Description is not null)
        {
            md.AppendLine(MarkdownText(s.Description)).AppendLine();
        }

        md.AppendLine("## Changes applied").AppendLine();
        md.AppendLine("| # | Change | Event | Relationship | Date | Label | Scores |").AppendLine("|---:|---|---|---|---|---|---|");
        var n = 0;
        foreach (var c in r.AppliedChanges)
        {
            n++;
            var id = c.EventId is null ? "" : c.Hypothetical ? $"{c.EventId} *(hypothetical)*" : c.EventId;
            var label = c.EventId is null ? c.Description : c.Label ?? "";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {n} | {c.Kind} | {Cell(id)} | {Cell(c.EventId is null ? "" : Name(data, c.PartnerCode))} | {Cell(c.Date ?? "")} | {Cell(label)} | {Cell(ScoreChange(c))} |");
        }
        md.AppendLine().AppendLine("## Baseline vs scenario").AppendLine();
        md.AppendLine("| Relationship | Measure | Baseline | Scenario | Δ |").AppendLine("|---|---|---:|---:|---:|");
        foreach (var m in r.Measures)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(m.PartnerCode is null ? "security" : Name(data, m.PartnerCode))} | {MeasureLabel(m.Measure)} | {Signed(m.Baseline)} | {Signed(m.Scenario)} | {(m.Changed ? $"**{Delta(m.Delta)}**" : "0")} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture,
            $"| security | regional-tension colour | {Cell(r.Colour.Baseline)} | {Cell(r.Colour.Scenario)} | {(r.Colour.Changed ? "**changed**" : "same")} |");
        md.AppendLine();
        if (r.ThresholdsChanged)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Colour scale replaced: {MarkdownText(string.Join("; ", r.ScenarioScale.Bands.Select(b => b.PublishedRange)))}.").AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture,
            $"Distance to the next colour — baseline: {Distance(r.Colour.BaselineDistance)}; scenario: {Distance(r.Colour.ScenarioDistance)}.");
        return md.ToString();
    }

    private static string Cell(string text) => DisplayText.MarkdownCell(text);
}
