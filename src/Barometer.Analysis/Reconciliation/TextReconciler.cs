using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;

namespace Barometer.Analysis.Reconciliation;

/// <summary>Whether what the report's text says of an event agrees with the event's catalogue row.</summary>
public enum TextAgreement { Agrees, Disagrees }

/// <summary>
/// One statement of the report's text compared with the catalogue row of the event it is about. Dates agree when
/// the two day ranges share a day ("December" and "14 December" do; "15 December" and "16 December" do not);
/// amounts when the numbers are equal (a bare plural in the row is more than one); quoted words when one quotation
/// contains the other. A disagreement is a finding about the report, never a reason to change the data.
/// </summary>
/// <param name="PartnerCode">The event's relationship, or null for an event of the security catalogue.</param>
/// <param name="TextSays">What the text says, as a value: <c>15 December</c>, <c>1 contract</c>, <c>“very sensitive and serious”</c>.</param>
/// <param name="CatalogueSays">What the catalogue row says of the same thing.</param>
public sealed record TextComparison(
    TextStatement Statement, string? PartnerCode, string EventLabel, string EventAsPrinted, string EventSource,
    string TextSays, string CatalogueSays, TextAgreement Status)
{
    public bool Agrees => Status == TextAgreement.Agrees;

    /// <summary>The id of the catalogue event the statement is about.</summary>
    public string EventId => Statement.EventId;
}

/// <summary>Compares every statement of the report's text about a catalogued event with that event's row.</summary>
internal static class TextReconciler
{
    /// <summary>
    /// The comparisons of the statements about <paramref name="catalogue"/>'s issue, in the statements' order. A
    /// statement whose event the catalogue does not hold (a scenario removed it) is left out.
    /// </summary>
    public static IReadOnlyList<TextComparison> Reconcile(IssueCatalogue catalogue, IEnumerable<TextStatement> statements)
    {
        var rows = catalogue.RelationshipEvents
            .Select(e => (e.Id, Partner: (string?)e.PartnerCode, e.Date, e.Label, e.AsPrinted, e.Source))
            .Concat(catalogue.SecurityEvents.Select(e => (e.Id, Partner: (string?)null, e.Date, e.Label, e.AsPrinted, e.Source)))
            .ToDictionary(e => e.Id, StringComparer.Ordinal);
        var comparisons = new List<TextComparison>();
        foreach (var s in statements.Where(s => s.Issue == catalogue.Issue.Number))
        {
            if (!rows.TryGetValue(s.EventId, out var e))
            {
                continue;
            }

            var printed = e.AsPrinted ?? e.Label;
            var (text, said, agrees) = s.Attribute switch
            {
                TextAttributes.Date => CompareDate(s, catalogue.Issue, e.Date),
                TextAttributes.Amount => CompareAmount(s, printed),
                TextAttributes.QuotedWords => CompareQuotation(s, printed),
                _ => throw new ArgumentException($"text statement {s.Id}: unknown attribute '{s.Attribute}'", nameof(statements)),
            };
            comparisons.Add(new TextComparison(s, e.Partner, e.Label, printed, e.Source, text, said,
                agrees ? TextAgreement.Agrees : TextAgreement.Disagrees));
        }
        return comparisons;
    }

    private static (string Text, string Catalogue, bool Agrees) CompareDate(TextStatement s, Issue issue, EventDate date)
    {
        var text = EventDateParser.TryParseWithin(s.TextValue, issue, out var error)
            ?? throw new ArgumentException($"text statement {s.Id}: {error}", nameof(s));
        return (s.TextValue, date.Text, text.Start <= date.End && date.Start <= text.End);
    }

    private static (string Text, string Catalogue, bool Agrees) CompareAmount(TextStatement s, string printed)
    {
        var count = decimal.Parse(s.TextValue, System.Globalization.CultureInfo.InvariantCulture);
        var unit = s.Unit ?? throw new ArgumentException($"text statement {s.Id}: an amount without a unit", nameof(s));
        var amount = PrintedText.AmountOf(printed, unit)
            ?? throw new ArgumentException($"text statement {s.Id}: the event as printed does not mention '{unit}'", nameof(s));
        return ($"{s.TextValue} {unit}", amount.ToString(), amount.Allows(count));
    }

    private static (string Text, string Catalogue, bool Agrees) CompareQuotation(TextStatement s, string printed)
    {
        var quoted = PrintedText.QuotedWords(printed);
        var text = Normalised(s.TextValue);
        var agrees = quoted.Select(Normalised).Any(q => q.Contains(text, StringComparison.Ordinal) || text.Contains(q, StringComparison.Ordinal));
        return ($"“{s.TextValue}”", string.Join("; ", quoted.Select(q => $"“{q}”")), agrees);
    }

    private static string Normalised(string words) => string.Join(' ', WordForms.Words(words));
}
