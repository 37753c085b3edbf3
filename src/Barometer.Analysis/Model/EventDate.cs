using System.Globalization;
using System.Text.RegularExpressions;

namespace Barometer.Analysis.Model;

/// <summary>
/// When an event happened, as the catalogue prints it ("1 November", "November-December",
/// "Early December", "1-18 December", "November") together with the inclusive day range it denotes.
/// The catalogues omit the year; it comes from the issue's period.
/// </summary>
public sealed record EventDate(string Text, DateOnly Start, DateOnly End)
{
    public bool IsSingleDay => Start == End;
    public override string ToString() => Text;
}

/// <summary>Turns a catalogue's date text into an <see cref="EventDate"/> within an issue's period.</summary>
/// <remarks>
/// Accepted forms (month names in English, case-insensitive, hyphen or en dash):
/// <c>1 November</c>; <c>1-18 December</c>; <c>November</c>; <c>November-December</c>;
/// <c>Early/Mid/Late December</c> (days 1–10, 11–20, 21–end: our convention, the report does not define them);
/// an ISO date <c>2020-12-20</c>. The year is the one that puts the month inside the period.
/// </remarks>
internal static partial class EventDateParser
{
    [GeneratedRegex(@"^(?<d1>\d{1,2})\s*(?:[-–]\s*(?<d2>\d{1,2}))?\s+(?<m>[A-Za-z]+)$")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"^(?<m1>[A-Za-z]+)(?:\s*[-–]\s*(?<m2>[A-Za-z]+))?$")]
    private static partial Regex MonthRange();

    [GeneratedRegex(@"^(?<part>early|mid|late)[\s-]+(?<m>[A-Za-z]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PartOfMonth();

    /// <summary>Parses <paramref name="text"/>; on failure returns null and a reason.</summary>
    public static EventDate? TryParse(string text, Period period, out string? error)
    {
        error = null;
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return new EventDate(t, iso, iso);
        }

        Match m;
        if ((m = DayMonth().Match(t)).Success)
        {
            if (!TryMonth(m.Groups["m"].Value, period, out var first, out error))
            {
                return null;
            }

            var d1 = int.Parse(m.Groups["d1"].Value, CultureInfo.InvariantCulture);
            var d2 = m.Groups["d2"].Success ? int.Parse(m.Groups["d2"].Value, CultureInfo.InvariantCulture) : d1;
            var days = DateTime.DaysInMonth(first.Year, first.Month);
            if (d1 < 1 || d2 > days || d2 < d1)
            {
                error = $"'{t}' is not a valid day or day range of {first:MMMM yyyy}";
                return null;
            }
            return new EventDate(t, first.AddDays(d1 - 1), first.AddDays(d2 - 1));
        }
        if ((m = PartOfMonth().Match(t)).Success)
        {
            if (!TryMonth(m.Groups["m"].Value, period, out var first, out error))
            {
                return null;
            }

            var last = first.AddMonths(1).AddDays(-1);
            return m.Groups["part"].Value.ToLowerInvariant() switch
            {
                "early" => new EventDate(t, first, first.AddDays(9)),
                "mid" => new EventDate(t, first.AddDays(10), first.AddDays(19)),
                _ => new EventDate(t, first.AddDays(20), last),
            };
        }
        if ((m = MonthRange().Match(t)).Success)
        {
            if (!TryMonth(m.Groups["m1"].Value, period, out var first, out error))
            {
                return null;
            }

            var lastMonth = first;
            if (m.Groups["m2"].Success && !TryMonth(m.Groups["m2"].Value, period, out lastMonth, out error))
            {
                return null;
            }

            if (lastMonth < first)
            {
                error = $"'{t}': the months run backwards";
                return null;
            }
            return new EventDate(t, first, lastMonth.AddMonths(1).AddDays(-1));
        }
        error = $"'{t}' is not a recognised date (expected e.g. '1 November', '1-18 December', 'Early December', 'November-December' or 2020-12-20)";
        return null;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as <see cref="TryParse"/> does and checks that every day it denotes lies in
    /// <paramref name="issue"/>'s period; on failure returns null and a reason.
    /// </summary>
    public static EventDate? TryParseWithin(string text, Issue issue, out string? error)
    {
        var date = TryParse(text, issue.Period, out error);
        if (date is null || (issue.Period.Contains(date.Start) && issue.Period.Contains(date.End)))
        {
            return date;
        }

        error = $"'{text}' ({new Period(date.Start, date.End)}) is outside issue {issue.Number}'s period {issue.Period}";
        return null;
    }

    /// <summary>The first day of the named month in the year that places it inside <paramref name="period"/>.</summary>
    private static bool TryMonth(string name, Period period, out DateOnly first, out string? error)
    {
        first = default;
        error = null;
        if (!DateTime.TryParseExact(name, ["MMMM", "MMM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = $"'{name}' is not a month name";
            return false;
        }
        for (var year = period.Start.Year; year <= period.End.Year; year++)
        {
            var candidate = new DateOnly(year, parsed.Month, 1);
            if (candidate <= period.End && candidate.AddMonths(1).AddDays(-1) >= period.Start)
            {
                first = candidate;
                return true;
            }
        }
        error = $"{parsed:MMMM} is outside the issue's period {period}";
        return false;
    }
}
