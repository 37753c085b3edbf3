using System.Globalization;
using System.Text;
using Barometer.Analysis;
using Barometer.Analysis.Model;
using Barometer.Analysis.Reconciliation;
using Spectre.Console;

namespace Barometer.Cli.Rendering;

/// <summary>
/// The report's text against its catalogue, in the human forms of <c>reproduce</c>: how many statements of the
/// text about catalogued events were compared, and each one that disagrees with its catalogue row — event id, what
/// the text says, what the catalogue says, and the words of each.
/// </summary>
internal static class TextReconciliationText
{
    /// <summary>The one-line summary: <c>71 statements of the report's text about catalogued events; 6 disagree with the catalogue.</c></summary>
    public static string Summary(IssueReproduction r)
    {
        var (all, disagree) = (r.TextReconciliation.Count, r.TextDisagreements.Count());
        return all == 0
            ? "No statements of the report's text about catalogued events are recorded (data/barometer/text_statements.csv)."
            : $"{all} statement(s) of the report's text about catalogued events; {disagree} disagree with the catalogue.";
    }

    public static void WriteTable(IAnsiConsole console, IssueReproduction r)
    {
        var disagreements = r.TextDisagreements.ToArray();
        if (disagreements.Length == 0)
        {
            console.MarkupLine(Markup.Escape(Summary(r)));
            return;
        }
        var table = new Table().Title("The report's text vs its catalogue: the statements that disagree")
            .AddColumns("Event", "Label", "What", "The text says", "The catalogue says", "Where the text says it");
        foreach (var c in disagreements)
        {
            table.AddRow(Markup.Escape(c.EventId), Markup.Escape(c.EventLabel), Markup.Escape(What(c)), Markup.Escape(c.TextSays),
                Markup.Escape(c.CatalogueSays), Markup.Escape(Section(c.Statement.Source)));
        }

        CliConsole.Write(console, table);
        foreach (var c in disagreements)
        {
            console.MarkupLine($"[grey]{Markup.Escape(c.EventId)}: text “{Markup.Escape(c.Statement.TextAsPrinted)}”; catalogue “{Markup.Escape(c.EventAsPrinted)}”[/]");
        }

        console.MarkupLine($"[yellow]{Markup.Escape(Summary(r))} (Findings about the report; the data keep both as printed.)[/]");
    }

    public static string Markdown(IssueReproduction r)
    {
        var md = new StringBuilder();
        md.AppendLine("## The report's text vs its catalogue").AppendLine();
        md.AppendLine(Summary(r)).AppendLine();
        var disagreements = r.TextDisagreements.ToArray();
        if (disagreements.Length == 0)
        {
            return md.ToString();
        }

        md.Append(DisplayText.MarkdownTable(
            ["Event", "What", "The text says", "The catalogue says", "The text, as printed", "The catalogue row, as printed", "Where the text says it"],
            disagreements.Select(c => (IReadOnlyList<string>)
                [c.EventId, What(c), c.TextSays, c.CatalogueSays, c.Statement.TextAsPrinted, c.EventAsPrinted, c.Statement.Source])));
        return md.ToString();
    }

    /// <summary>The statements as JSON values: every comparison, agreeing or not.</summary>
    public static IEnumerable<object> Json(IssueReproduction r) => r.TextReconciliation.Select(c => new
    {
        id = c.Statement.Id,
        eventId = c.EventId,
        partner = c.PartnerCode is { } code && r.Catalogue.Partners.FirstOrDefault(p => p.Code == code) is { } p
            ? new { code = p.Code, name = p.Name }
            : null,
        attribute = c.Statement.Attribute,
        textSays = c.TextSays,
        catalogueSays = c.CatalogueSays,
        status = c.Status == TextAgreement.Agrees ? "agrees" : "disagrees",
        text = new { asPrinted = c.Statement.TextAsPrinted, reading = c.Statement.Reading, source = c.Statement.Source },
        catalogue = new { label = c.EventLabel, asPrinted = c.EventAsPrinted, source = c.EventSource },
    });

    /// <summary>What the statement is about, for people: <c>date</c>, <c>amount (contract)</c>, <c>quoted words</c>.</summary>
    private static string What(TextComparison c) => c.Statement.Attribute switch
    {
        TextAttributes.Amount => string.Create(CultureInfo.InvariantCulture, $"amount ({c.Statement.Unit})"),
        TextAttributes.QuotedWords => "quoted words",
        var other => other,
    };

    /// <summary>The section part of a citation (<c>file#section</c>).</summary>
    private static string Section(string source) => source.IndexOf('#', StringComparison.Ordinal) is var i and >= 0 ? source[(i + 1)..] : source;
}
