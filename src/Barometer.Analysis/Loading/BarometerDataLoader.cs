using System.Text.RegularExpressions;
using Barometer.Analysis.Model;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Loading;

/// <summary>The outcome of loading: the dataset when every table is clean, and every problem found.</summary>
public sealed record LoadResult(BarometerDataset? Dataset, IReadOnlyList<DataError> Errors)
{
    public bool Ok => Errors.Count == 0 && Dataset is not null;
    public BarometerDataset OrThrow() => Ok ? Dataset! : throw new DataValidationException(Errors);
}

/// <summary>
/// Loads the tables of <c>data/barometer/</c> and validates every row: types, required cells, known partners and
/// issues, dates inside the issue's period, ids of the form <c>&lt;issue&gt;-&lt;code&gt;-&lt;nn&gt;</c>, duplicate keys.
/// Every problem of every file is collected; nothing stops at the first.
/// </summary>
public static partial class BarometerDataLoader
{
    public const string Folder = "barometer";
    public const string IssuesFile = "issues.csv";
    public const string PartnersFile = "partners.csv";
    public const string RelationshipEventsFile = "relationship_events.csv";
    public const string SecurityEventsFile = "security_events.csv";
    public const string PublishedValuesFile = "published_values.csv";
    public const string ColourScaleFile = "colour_scale.csv";

    /// <summary>Partner code used in security event ids.</summary>
    public const string SecurityCode = "SEC";

    [GeneratedRegex(@"^(?<issue>\d+)-(?<code>[A-Z]+)-(?<nn>\d{2,})$")]
    private static partial Regex EventId();

    public static BarometerDataset Load(string? dataDirectory = null) => TryLoad(dataDirectory).OrThrow();

    public static LoadResult TryLoad(string? dataDirectory = null)
    {
        var dataDir = DataDirectory.Locate(dataDirectory);
        var errors = new List<DataError>();
        CsvTable Open(string file)
        {
            var path = Path.Combine(dataDir, Folder, file);
            var display = Path.GetRelativePath(Path.GetDirectoryName(dataDir)!, path);
            if (File.Exists(path)) return CsvTable.Read(path, display);
            var missing = CsvTable.Parse(new StringReader(""), display);
            missing.Errors.Clear();
            missing.Errors.Add(new DataError(display, 0, 0, "file not found"));
            return missing;
        }

        var issues = ReadIssues(Open(IssuesFile), errors);
        var partners = ReadPartners(Open(PartnersFile), errors);
        var scale = ReadColourScale(Open(ColourScaleFile), errors);
        var events = ReadRelationshipEvents(Open(RelationshipEventsFile), issues, partners, errors);
        var security = ReadSecurityEvents(Open(SecurityEventsFile), issues, errors);
        var published = ReadPublishedValues(Open(PublishedValuesFile), issues, partners, scale, errors);

        var dataset = errors.Count == 0 && scale is not null
            ? new BarometerDataset(issues, partners, events, security, published, scale)
            : null;
        return new LoadResult(dataset, errors);
    }

    /// <summary>
    /// Reads every row with <paramref name="map"/>, reporting rows whose <paramref name="key"/> repeats an earlier
    /// row's at the key column. Rows that <paramref name="map"/> rejects (null) are dropped; their errors are kept.
    /// </summary>
    private static List<T> ReadRows<T>(CsvTable table, List<DataError> errors, string[] columns,
        Func<RowReader, T?> map, Func<T, string> key, string keyColumn) where T : class
    {
        var result = new List<T>();
        if (table.RequireColumns(columns))
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                var reader = new RowReader(table, row);
                var item = map(reader);
                if (item is null) continue;
                var k = key(item);
                if (seen.TryGetValue(k, out var firstLine))
                {
                    reader.Error(keyColumn, $"duplicate key '{k}' (first on line {firstLine})");
                    continue;
                }
                seen[k] = row.Line;
                result.Add(item);
            }
        }
        errors.AddRange(table.Errors);
        return result;
    }

    private static List<Issue> ReadIssues(CsvTable table, List<DataError> errors) =>
        ReadRows(table, errors, ["series", "issue", "period_start", "period_end", "title", "source"], r =>
        {
            var (series, number, start, end, title, source) = (r.Required("series"), r.RequiredInt("issue"),
                r.RequiredDate("period_start"), r.RequiredDate("period_end"), r.Required("title"), r.Required("source"));
            if (start > end) r.Error("period_end", $"period ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
            if (series is null || number is null || start is null || end is null || title is null || source is null || start > end)
                return null;
            return new Issue(series, number.Value, new Period(start.Value, end.Value), title, source, r.Optional("note"));
        }, i => $"{i.Series} {i.Number}", "issue");

    private static List<Partner> ReadPartners(CsvTable table, List<DataError> errors) =>
        ReadRows(table, errors, ["code", "name", "catalogue_heading", "source"], r =>
        {
            var (code, name, heading) = (r.Required("code"), r.Required("name"), r.Required("catalogue_heading"));
            if (r.Required("source") is null) return null;
            if (code is not null && (code == SecurityCode || !code.All(char.IsAsciiLetterUpper)))
            {
                r.Error("code", $"'{code}' must be upper-case letters and not the reserved security code {SecurityCode}");
                return null;
            }
            return code is null || name is null || heading is null ? null : new Partner(code, name, heading);
        }, p => p.Code, "code");

    private static ColourScale? ReadColourScale(CsvTable table, List<DataError> errors)
    {
        var bands = ReadRows(table, errors,
            ["scale", "colour", "order", "min", "max", "published_range", "interpretation", "source"], r =>
            {
                if (r.Required("scale") is null) return null;
                var (colour, order, min, max) = (r.Required("colour"), r.RequiredInt("order"), r.OptionalInt("min"), r.OptionalInt("max"));
                var (text, meaning, source) = (r.Required("published_range"), r.Required("interpretation"), r.Required("source"));
                if (min > max) r.Error("max", $"max {max} is below min {min}");
                return colour is null || order is null || text is null || meaning is null || source is null || min > max
                    ? null
                    : new ColourBand(colour, order.Value, min, max, text, meaning, source);
            }, b => b.Colour, "colour");
        if (table.Errors.Count > 0 || bands.Count == 0)
        {
            if (bands.Count == 0 && table.Errors.Count == 0)
                errors.Add(new DataError(table.DisplayPath, 1, 0, "the colour scale has no bands"));
            return null;
        }
        try
        {
            return new ColourScale(bands);
        }
        catch (ArgumentException e)
        {
            errors.Add(new DataError(table.DisplayPath, 1, 0, e.Message));
            return null;
        }
    }

    private static List<RelationshipEvent> ReadRelationshipEvents(CsvTable table, IReadOnlyList<Issue> issues,
        IReadOnlyList<Partner> partners, List<DataError> errors)
    {
        var codes = partners.Select(p => p.Code).ToHashSet();
        return ReadRows(table, errors, ["id", "issue", "partner", "date", "label", "score", "source"], r =>
        {
            var (id, issueNo, code, dateText) = (r.Required("id"), r.RequiredInt("issue"), r.Required("partner"), r.Required("date"));
            var (label, score, source) = (r.Required("label"), r.RequiredInt("score"), r.Required("source"));
            if (code is not null && !IsKnownPartner(r, code, codes)) code = null;
            var issue = FindIssue(r, issueNo, issues);
            var date = ParseDate(r, dateText, issue);
            var idOk = CheckId(r, id, issueNo, code);
            return id is null || issue is null || code is null || date is null || label is null || score is null || source is null || !idOk
                ? null
                : new RelationshipEvent(id, issue.Number, code, date, label, score.Value, source);
        }, e => e.Id, "id");
    }

    private static List<SecurityEvent> ReadSecurityEvents(CsvTable table, IReadOnlyList<Issue> issues, List<DataError> errors) =>
        ReadRows(table, errors, ["id", "issue", "date", "label", "national_security", "regional_tension", "source"], r =>
        {
            var (id, issueNo, dateText, label) = (r.Required("id"), r.RequiredInt("issue"), r.Required("date"), r.Required("label"));
            var (national, regional, source) = (r.RequiredInt("national_security"), r.RequiredInt("regional_tension"), r.Required("source"));
            var issue = FindIssue(r, issueNo, issues);
            var date = ParseDate(r, dateText, issue);
            var idOk = CheckId(r, id, issueNo, SecurityCode);
            return id is null || issue is null || date is null || label is null || national is null || regional is null || source is null || !idOk
                ? null
                : new SecurityEvent(id, issue.Number, date, label, national.Value, regional.Value, source);
        }, e => e.Id, "id");

    private static List<PublishedValue> ReadPublishedValues(CsvTable table, IReadOnlyList<Issue> issues,
        IReadOnlyList<Partner> partners, ColourScale? scale, List<DataError> errors)
    {
        var codes = partners.Select(p => p.Code).ToHashSet();
        return ReadRows(table, errors, ["series", "issue", "measure", "partner", "value", "source"], r =>
        {
            var (series, issueNo, measure, code) = (r.Required("series"), r.RequiredInt("issue"), r.Required("measure"), r.Optional("partner"));
            var (value, source) = (r.Required("value"), r.Required("source"));
            var ok = series is not null && issueNo is not null && measure is not null && value is not null && source is not null;
            if (series is not null && issueNo is not null && !issues.Any(i => i.Series == series && i.Number == issueNo))
            {
                r.Error("issue", $"issue {issueNo} of series '{series}' is not in {IssuesFile}");
                ok = false;
            }
            if (measure is not null && !Measures.IsKnown(measure))
            {
                r.Error("measure", $"unknown measure '{measure}' (known: {string.Join(", ", Measures.PartnerMeasures.Concat(Measures.SecurityMeasures))})");
                ok = false;
            }
            else if (measure is not null && Measures.PartnerMeasures.Contains(measure) && code is null)
            {
                r.Error("partner", $"measure '{measure}' needs a partner");
                ok = false;
            }
            else if (measure is not null && Measures.SecurityMeasures.Contains(measure) && code is not null)
            {
                r.Error("partner", $"measure '{measure}' is a security measure and takes no partner");
                ok = false;
            }
            if (code is not null && !IsKnownPartner(r, code, codes)) ok = false;
            if (value is not null && measure == Measures.RegionalTensionColour)
            {
                if (scale is not null && !scale.Bands.Any(b => b.Colour == value))
                {
                    r.Error("value", $"'{value}' is not a colour of the scale ({string.Join(", ", scale.Bands.Select(b => b.Colour))})");
                    ok = false;
                }
            }
            else if (value is not null && PublishedValue.ParseInteger(value) is null)
            {
                r.Error("value", $"'{value}' is not an integer");
                ok = false;
            }
            return ok ? new PublishedValue(series!, issueNo!.Value, measure!, code, value!, source!, r.Optional("note")) : null;
        }, v => $"{v.Series} {v.Issue} {v.Measure} {v.PartnerCode}", "measure");
    }

    private static Issue? FindIssue(RowReader r, int? number, IReadOnlyList<Issue> issues)
    {
        if (number is null) return null;
        var issue = issues.FirstOrDefault(i => i.Series == Series.MinskBarometer && i.Number == number);
        if (issue is null) r.Error("issue", $"issue {number} is not in {IssuesFile}");
        return issue;
    }

    private static bool IsKnownPartner(RowReader r, string code, IReadOnlySet<string> codes)
    {
        if (codes.Contains(code)) return true;
        r.Error("partner", $"unknown partner '{code}' (known: {string.Join(", ", codes)}; partners are listed in {PartnersFile})");
        return false;
    }

    private static EventDate? ParseDate(RowReader r, string? text, Issue? issue)
    {
        if (text is null || issue is null) return null;
        var date = EventDateParser.TryParseWithin(text, issue, out var error);
        if (date is null) r.Error("date", error!);
        return date;
    }

    /// <summary>Checks that an event id reads <c>&lt;issue&gt;-&lt;code&gt;-&lt;nn&gt;</c> and agrees with the row.</summary>
    private static bool CheckId(RowReader r, string? id, int? issue, string? code)
    {
        if (id is null) return false;
        var m = EventId().Match(id);
        if (!m.Success)
        {
            r.Error("id", $"'{id}' is not of the form <issue>-<code>-<nn>, e.g. 18-US-01");
            return false;
        }
        if (issue is not null && m.Groups["issue"].Value != issue.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            r.Error("id", $"'{id}' names issue {m.Groups["issue"].Value} but the row's issue is {issue}");
            return false;
        }
        if (code is not null && m.Groups["code"].Value != code)
        {
            r.Error("id", $"'{id}' names '{m.Groups["code"].Value}' but the row is for '{code}'");
            return false;
        }
        return true;
    }
}
