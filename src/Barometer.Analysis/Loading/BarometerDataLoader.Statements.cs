using System.Globalization;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Loading;

/// <summary>The report's words as data: what its text says of catalogued events, and its narrative.</summary>
public static partial class BarometerDataLoader
{
    public const string TextStatementsFile = "text_statements.csv";
    public const string NarrativeFile = "narrative.csv";

    /// <summary>Partner code used in the ids of text statements (<c>18-TXT-01</c>).</summary>
    public const string TextStatementCode = "TXT";

    /// <summary>
    /// Rows of <c>text_statements.csv</c>: each names an event of its issue's catalogue, and what it says can be
    /// compared with that event's row — a date of the catalogue's forms inside the period, a number with the unit the
    /// printed row mentions, or quoted words where the printed row quotes some.
    /// </summary>
    /// <param name="printed">Each event id of the catalogue files and its printed row; null when a file could not be read
    /// (its own error says why, and the statements' events are not checked).</param>
    private static List<TextStatement> ReadTextStatements(
        CsvTable? table, IReadOnlyList<Issue> issues, Dictionary<string, string>? printed, List<DataError> rules) =>
        Rows(table, rules, r =>
        {
            var (id, issue, eventId) = (r.Raw("id"), FindIssue(r, issues), r.Raw("event_id"));
            var ok = CheckId(r, id, issue?.Number, TextStatementCode);
            ok &= issue is not null;
            if (issue is not null && !eventId.StartsWith($"{issue.Number}-", StringComparison.Ordinal))
            {
                r.Error("event_id", $"'{eventId}' is not an event of issue {issue.Number}");
                ok = false;
            }
            else if (printed is not null && !printed.TryGetValue(eventId, out _))
            {
                r.Error("event_id", $"no catalogue event '{eventId}' in {RelationshipEventsFile} or {SecurityEventsFile}");
                ok = false;
            }
            else if (issue is not null && printed is not null)
            {
                ok &= CheckStatement(r, issue, printed[eventId]);
            }
            return ok
                ? new TextStatement(id, issue!.Number, eventId, r.Raw("attribute"), r.Raw("text_value"), r.Optional("unit"),
                    r.Raw("text_as_printed"), r.Optional("reading"), r.Citation())
                : null;
        });

    /// <summary>
    /// Every event id of the two catalogue files with its printed row, rows with problems included (their problems are
    /// reported where they are, not again by the statements that name them); null when either file cannot be read.
    /// </summary>
    private static Dictionary<string, string>? PrintedRows(CsvTable? events, CsvTable? security)
    {
        if (events is not { Readable: true } || security is not { Readable: true })
        {
            return null;
        }

        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in new[] { events, security })
        {
            foreach (var row in table.Rows)
            {
                var r = new RowReader(table, row, _ => { });
                rows.TryAdd(r.Raw("id"), r.Raw(AsPrintedColumn));
            }
        }

        return rows;
    }

    /// <summary>The values of one column in every row of a table; null when the table cannot be read.</summary>
    private static string[]? Cells(CsvTable? table, string column) =>
        table is { Readable: true } ? table.Rows.Select(row => new RowReader(table, row, _ => { }).Raw(column)).ToArray() : null;

    /// <summary>Checks that a statement's value can be compared with its event's printed row.</summary>
    private static bool CheckStatement(RowReader r, Issue issue, string printedRow)
    {
        var (attribute, value, unit) = (r.Raw("attribute"), r.Raw("text_value"), r.Optional("unit"));
        if (attribute != TextAttributes.Amount && unit is not null)
        {
            r.Error("unit", $"only an amount names a unit (this statement is a {attribute})");
            return false;
        }
        switch (attribute)
        {
            case TextAttributes.Date:
                if (EventDateParser.TryParseWithin(value, issue, out var error) is not null)
                {
                    return true;
                }

                r.Error("text_value", error!);
                return false;
            case TextAttributes.Amount:
                if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    r.Error("text_value", $"'{value}' is not a number (an amount is written in digits, e.g. 3)");
                    return false;
                }
                if (unit is null)
                {
                    r.Error("unit", "an amount names what it counts, as the catalogue row does (e.g. vessel)");
                    return false;
                }
                if (PrintedText.AmountOf(printedRow, unit) is not null)
                {
                    return true;
                }

                r.Error("unit", $"the event as printed (\"{printedRow}\") does not mention '{unit}'");
                return false;
            case TextAttributes.QuotedWords:
                if (PrintedText.QuotedWords(printedRow).Count > 0)
                {
                    return true;
                }

                r.Error("text_value", $"the event as printed (\"{printedRow}\") quotes no words to compare with");
                return false;
            default:
                return false; // not in the schema's vocabulary: reported there
        }
    }

    /// <summary>Rows of <c>narrative.csv</c>: each about a partner of <c>partners.csv</c> or about security, in a known issue.</summary>
    /// <param name="partners">The codes of <c>partners.csv</c>; null when it cannot be read (subjects are then not checked).</param>
    private static List<NarrativeStatement> ReadNarrative(
        CsvTable? table, IReadOnlyList<Issue> issues, string[]? partners, List<DataError> rules) =>
        Rows(table, rules, r =>
        {
            var (issue, subject) = (FindIssue(r, issues), r.Raw("subject"));
            var known = subject == NarrativeStatement.Security || partners is null || partners.Contains(subject);
            if (!known)
            {
                r.Error("subject", $"'{subject}' is neither a partner code of {PartnersFile} ({string.Join(", ", partners!)}) nor '{NarrativeStatement.Security}'");
            }

            return issue is null || !known || r.Int("n") is not { } n
                ? null
                : new NarrativeStatement(issue.Number, subject, r.Raw("kind"), n, r.Raw("text"), r.Citation());
        });
}
