using System.Globalization;
using System.Text;
using Barometer.Analysis;
using Barometer.Analysis.Reconciliation;
using Barometer.Analysis.Tables;
using Spectre.Console;

namespace Barometer.Cli.Rendering;

/// <summary>The human forms of a reproduction: terminal tables and Markdown.</summary>
internal static class ReproductionText
{

    private static string Signed(string text) => int.TryParse(text, out var n) ? DisplayText.Signed(n) : text;

    private static string Signed(int n) => DisplayText.Signed(n);

    public static void WriteTables(IAnsiConsole console, IssueReproduction r)
    {
        var issue = r.Indices.Issue;
        CliConsole.Heading(console, $"[bold]{Markup.Escape(issue.Title)}[/]");
        var relations = new Table().Title("Relations development indices (computed from Appendix 1)")
            .AddColumns("Partner", "Index", "Positive", "Negative", "Events");
        foreach (var x in r.Indices.Relationships)
        {
            relations.AddRow(Markup.Escape(DisplayText.Partner(x.Partner)), Signed(x.Index), Signed(x.Positive), Signed(x.Negative),
                x.Events.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var i in Enumerable.Range(1, 4))
        {
            relations.Columns[i].RightAligned();
        }

        CliConsole.Write(console, relations);

        var s = r.Indices.Security;
        var security = new Table().Title("Security indices (computed from Appendix 2)")
            .AddColumns("National security", "Regional tension", "Colour", "Events");
        security.AddRow(Signed(s.NationalSecurity), Signed(s.RegionalTension), Markup.Escape(s.Colour.Colour),
            s.Events.ToString(CultureInfo.InvariantCulture));
        CliConsole.Write(console, security);

        var reconciliation = new Table().Title("Reconciliation: printed in the report vs computed from its catalogues")
            .AddColumns("Measure", "Partner", "Published", "Computed", "Diff.", "Status", "Where printed");
        foreach (var x in r.Reconciliation)
        {
            reconciliation.AddRow(
                Markup.Escape(x.Measure), Markup.Escape(x.Partner is null ? "—" : DisplayText.Partner(x.Partner)), Signed(x.Published), Signed(x.Computed),
                x.Difference is { } d ? Signed(d) : "—",
                x.IsMatch ? "[green]match[/]" : "[red bold]MISMATCH[/]",
                Markup.Escape(Section(x.Source)));
        }

        CliConsole.Write(console, reconciliation);
        foreach (var source in r.Sources)
        {
            console.MarkupLine($"[grey]Where printed: sections of {Markup.Escape(source.Id)}: {Markup.Escape(source.Citation)}[/]");
        }

        var mismatches = r.Mismatches.Count();
        console.MarkupLine(mismatches == 0
            ? "[green]Every printed value agrees with the catalogues.[/]"
            : $"[yellow]{mismatches} printed value(s) disagree with the report's own catalogues (findings about the report; the data are as printed).[/]");
        TextReconciliationText.WriteTable(console, r);
    }

    public static string Markdown(IssueReproduction r)
    {
        var md = new StringBuilder();
        var issue = r.Indices.Issue;
        md.AppendLine(CultureInfo.InvariantCulture, $"# {DisplayText.MarkdownText(issue.Title)}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Period {issue.Period.Start:yyyy-MM-dd} to {issue.Period.End:yyyy-MM-dd}.").AppendLine();
        md.AppendLine("## Relations development indices").AppendLine();
        md.AppendLine("| Partner | Index | Positive | Negative | Events |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var x in r.Indices.Relationships)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(DisplayText.Partner(x.Partner))} | {Signed(x.Index)} | {Signed(x.Positive)} | {Signed(x.Negative)} | {x.Events} |");
        }

        var s = r.Indices.Security;
        md.AppendLine().AppendLine("## Security").AppendLine();
        md.AppendLine("| National security | Regional tension | Colour | Events |").AppendLine("|---:|---:|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| {Signed(s.NationalSecurity)} | {Signed(s.RegionalTension)} | {Cell(s.Colour.Colour)} | {s.Events} |");
        md.AppendLine().AppendLine("## Reconciliation").AppendLine();
        md.AppendLine("| Measure | Partner | Published | Computed | Difference | Status | Source |").AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var x in r.Reconciliation)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(x.Measure)} | {Cell(x.Partner is null ? "" : DisplayText.Partner(x.Partner))} | {Signed(x.Published)} | {Signed(x.Computed)} | {(x.Difference is { } d ? Signed(d) : "")} | {(x.Status == ReconciliationStatus.Match ? "match" : "**mismatch**")} | {Cell(x.Source)} |");
        }

        md.AppendLine().Append(TextReconciliationText.Markdown(r));
        return md.ToString();
    }

    /// <summary>
    /// The reconciliation as CSV (<c>--format csv</c>): one row per value the report prints, with the value computed
    /// from its catalogues. Cells go through <see cref="CsvText.Field"/> (quoting, and no spreadsheet formulas).
    /// </summary>
    public static string Csv(IssueReproduction r)
    {
        var csv = new StringBuilder("issue,measure,partner_code,partner_name,published,computed,difference,status,source\n");
        foreach (var x in r.Reconciliation)
        {
            csv.Append(string.Join(",", new[]
            {
                r.Indices.Issue.Number.ToString(CultureInfo.InvariantCulture), x.Measure, x.Partner?.Code ?? "", x.Partner?.Name ?? "",
                x.Published, x.Computed, x.Difference?.ToString(CultureInfo.InvariantCulture) ?? "",
                x.Status == ReconciliationStatus.Match ? "match" : "mismatch", x.Source,
            }.Select(CsvText.Field))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The section part of a source citation (<c>file#section</c>), for narrow terminals.</summary>
    private static string Section(string source) => source.IndexOf('#', StringComparison.Ordinal) is var i and >= 0 ? source[(i + 1)..] : source;

    private static string Cell(string text) => DisplayText.MarkdownCell(text);
}
