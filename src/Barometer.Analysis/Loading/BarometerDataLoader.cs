using System.Globalization;
using System.Text.RegularExpressions;
using Barometer.Analysis.DataPackage;
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
/// Loads the tables of <c>data/barometer/</c>. What a column may hold (types, required cells, vocabularies, id
/// patterns, unique keys, known partners and issues) is stated once, in <c>datapackage.json</c>, and checked by the
/// <see cref="DataPackageReader"/>; this loader adds only the rules a Table Schema cannot state: event dates inside
/// their issue's period, ids that agree with their row, a period that does not end before it starts, published values
/// whose measure, partner and value fit together, a colour scale whose bands tile the integers, labels in the words of
/// their printed rows (<see cref="LabelCheck"/>), text statements comparable with the events they name, and narrative
/// about a known partner. A row with a problem is left out of the dataset; every problem of every file is reported.
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

    /// <summary>The descriptor's resources for the Barometer tables.</summary>
    internal static class Resources
    {
        public const string Issues = "barometer_issues";
        public const string Partners = "barometer_partners";
        public const string RelationshipEvents = "barometer_relationship_events";
        public const string SecurityEvents = "barometer_security_events";
        public const string PublishedValues = "barometer_published_values";
        public const string ColourScale = "barometer_colour_scale";
        public const string TextStatements = "barometer_text_statements";
        public const string Narrative = "barometer_narrative";
        public const string Sources = "sources";
        public static readonly string[] All =
            [Sources, Issues, Partners, ColourScale, RelationshipEvents, SecurityEvents, PublishedValues, TextStatements, Narrative];
    }

    [GeneratedRegex(@"^(?<issue>\d+)-(?<code>[A-Z]+)-(?<nn>\d{2,})$")]
    private static partial Regex EventId();

    public static BarometerDataset Load(string? dataDirectory = null) => TryLoad(dataDirectory).OrThrow();

    public static LoadResult TryLoad(string? dataDirectory = null) => TryLoad(new DataPackageReader(DataDirectory.Locate(dataDirectory)));

    /// <summary>Loads from a package that may already have been read (its tables are not read again).</summary>
    internal static LoadResult TryLoad(DataPackageReader package)
    {
        var (dataset, ruleErrors) = ReadWithRules(package);
        var resources = Resources.All.Select(package.Resource).OfType<DataResource>();
        var errors = package.ErrorsOf(resources).Concat(ruleErrors).ToArray();
        return new LoadResult(errors.Length == 0 ? dataset : null, errors);
    }

    /// <summary>The dataset built from the rows without problems, and the problems of the rules that live in code.</summary>
    internal static (BarometerDataset? Dataset, IReadOnlyList<DataError> RuleErrors) ReadWithRules(DataPackageReader package)
    {
        var rules = new List<DataError>();
        CsvTable? Open(string name)
        {
            if (package.Descriptor is null)
            {
                return null; // reported as a descriptor error
            }

            if (package.Resource(name) is { } resource)
            {
                return package.Table(resource);
            }

            rules.Add(new DataError(package.DescriptorDisplay, 1, 1, $"no resource '{name}': the Barometer tables must be described in datapackage.json"));
            return null;
        }

        var sources = Rows(Open(Resources.Sources), rules, r => new SourceDocument(r.Raw("id"), r.Raw("title"),
            r.Raw("author"), r.Raw("publisher"), r.Raw("date"), r.Raw("address"), r.Raw("copy"), r.Raw("note")));
        var issues = ReadIssues(Open(Resources.Issues), rules);
        var (partnerTable, eventTable, securityTable) = (Open(Resources.Partners), Open(Resources.RelationshipEvents), Open(Resources.SecurityEvents));
        var partners = Rows(partnerTable, rules, r => new Partner(r.Raw("code"), r.Raw("name"), r.Raw("catalogue_heading")));
        var scale = ReadColourScale(Open(Resources.ColourScale), rules);
        var events = ReadRelationshipEvents(eventTable, issues, rules);
        var security = ReadSecurityEvents(securityTable, issues, rules);
        var published = ReadPublishedValues(Open(Resources.PublishedValues), scale, rules);
        var statements = ReadTextStatements(Open(Resources.TextStatements), issues, PrintedRows(eventTable, securityTable), rules);
        var narrative = ReadNarrative(Open(Resources.Narrative), issues, Cells(partnerTable, "code"), rules);
        var ranges = new ScoreRanges(
            Range(package, Resources.RelationshipEvents, "score"),
            Range(package, Resources.SecurityEvents, "national_security"),
            Range(package, Resources.SecurityEvents, "regional_tension"));
        var dataset = scale is null ? null : new BarometerDataset(issues, partners, events, security, published, scale)
        {
            ScoreRanges = ranges,
            Sources = sources,
            TextStatements = statements,
            Narrative = narrative,
        };
        return (dataset, rules);
    }

    /// <summary>The range the descriptor declares for a score column (its minimum and maximum constraints).</summary>
    private static ScoreRange Range(DataPackageReader package, string resource, string field)
    {
        var constraints = package.Resource(resource)?.Schema.Fields.FirstOrDefault(f => f.Name == field)?.Constraints;
        static int? Bound(System.Text.Json.JsonElement? e) =>
            e is { ValueKind: System.Text.Json.JsonValueKind.Number } n && n.TryGetInt32(out var v) ? v : null;
        return new ScoreRange(Bound(constraints?.Minimum) ?? int.MinValue, Bound(constraints?.Maximum) ?? int.MaxValue);
    }

    /// <summary>Maps every row without a schema problem with <paramref name="map"/>; rows it rejects (null) are left out.</summary>
    private static List<T> Rows<T>(CsvTable? table, List<DataError> rules, Func<RowReader, T?> map) where T : class
    {
        var result = new List<T>();
        if (table is null)
        {
            return result;
        }

        foreach (var row in table.Rows)
        {
            if (table.HasErrorIn(row))
            {
                continue; // its schema problem is reported; its cells are not to be trusted
            }

            if (map(new RowReader(table, row, rules.Add)) is { } item)
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static List<Issue> ReadIssues(CsvTable? table, List<DataError> rules) =>
        Rows(table, rules, r =>
        {
            var (start, end) = (Date(r.Raw("period_start")), Date(r.Raw("period_end")));
            if (start > end)
            {
                r.Error("period_end", $"period ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
                return null;
            }
            return r.Int("issue") is { } number
                ? new Issue(r.Raw("series"), number, new Period(start, end), r.Raw("title"), r.Citation(), r.Optional("note"))
                : null;
        });

    // The schema has checked the form (type date).
    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ColourScale? ReadColourScale(CsvTable? table, List<DataError> rules)
    {
        if (table is null)
        {
            return null;
        }

        var before = rules.Count;
        var bands = Rows(table, rules, r =>
        {
            var (order, min, max) = (r.Int("order"), r.Int("min"), r.Int("max"));
            if (min > max)
            {
                r.Error("max", $"max {max} is below min {min}");
            }

            return order is null || min > max
                ? null
                : new ColourBand(r.Raw("colour"), order.Value, min, max, r.Raw("published_range"), r.Raw("interpretation"), r.Citation());
        });
        if (table.Errors.Count > 0 || rules.Count > before)
        {
            return null; // an incomplete scale would classify wrongly
        }

        if (bands.Count == 0)
        {
            rules.Add(new DataError(table.DisplayPath, 1, 1, "the colour scale has no bands"));
            return null;
        }
        try
        {
            return new ColourScale(bands);
        }
        catch (ArgumentException e)
        {
            rules.Add(new DataError(table.DisplayPath, 1, 1, e.Message.Split(" (Parameter")[0]));
            return null;
        }
    }

    private static List<RelationshipEvent> ReadRelationshipEvents(CsvTable? table, IReadOnlyList<Issue> issues, List<DataError> rules) =>
        Rows(table, rules, r =>
        {
            var (id, code, issue) = (r.Raw("id"), r.Raw("partner"), FindIssue(r, issues));
            var date = ParseDate(r, issue);
            var idOk = CheckId(r, id, issue?.Number, code);
            CheckLabel(r);
            return issue is null || date is null || !idOk || r.Int("score") is not { } score
                ? null
                : new RelationshipEvent(id, issue.Number, code, date, r.Raw("label"), score, r.Citation()) { AsPrinted = r.Raw(AsPrintedColumn) };
        });

    private static List<SecurityEvent> ReadSecurityEvents(CsvTable? table, IReadOnlyList<Issue> issues, List<DataError> rules) =>
        Rows(table, rules, r =>
        {
            var (id, issue) = (r.Raw("id"), FindIssue(r, issues));
            var date = ParseDate(r, issue);
            var idOk = CheckId(r, id, issue?.Number, SecurityCode);
            CheckLabel(r);
            var (national, regional) = (r.Int("national_security"), r.Int("regional_tension"));
            return issue is null || date is null || !idOk || national is null || regional is null
                ? null
                : new SecurityEvent(id, issue.Number, date, r.Raw("label"), national.Value, regional.Value, r.Citation()) { AsPrinted = r.Raw(AsPrintedColumn) };
        });

    private static List<PublishedValue> ReadPublishedValues(CsvTable? table, ColourScale? scale, List<DataError> rules) =>
        Rows(table, rules, r =>
        {
            var (measure, code, value) = (r.Raw("measure"), r.Optional("partner"), r.Raw("value"));
            var ok = true;
            if (Measures.PartnerMeasures.Contains(measure) && code is null)
            {
                r.Error("partner", $"measure '{measure}' needs a partner");
                ok = false;
            }
            else if (Measures.SecurityMeasures.Contains(measure) && code is not null)
            {
                r.Error("partner", $"measure '{measure}' is a security measure and takes no partner");
                ok = false;
            }
            if (measure == Measures.RegionalTensionColour)
            {
                if (scale is not null && !scale.Bands.Any(b => b.Colour == value))
                {
                    r.Error("value", $"'{value}' is not a colour of the scale ({string.Join(", ", scale.Bands.Select(b => b.Colour))})");
                    ok = false;
                }
            }
            else if (PublishedValue.ParseInteger(value) is null)
            {
                r.Error("value", $"'{value}' is not an integer");
                ok = false;
            }
            return ok && r.Int("issue") is { } issue
                ? new PublishedValue(r.Raw("series"), issue, measure, code, value, r.Citation(), r.Optional("note"))
                : null;
        });

    /// <summary>The column of an event table that holds the event exactly as the catalogue prints it.</summary>
    public const string AsPrintedColumn = "event_as_printed";

    /// <summary>A label says nothing its printed row does not: each of its words is in the row (<see cref="LabelCheck"/>).</summary>
    private static void CheckLabel(RowReader r)
    {
        var missing = LabelCheck.WordsNotInPrinted(r.Raw("label"), r.Raw(AsPrintedColumn));
        if (missing.Count > 0)
        {
            r.Error("label", $"{string.Join(", ", missing.Select(w => $"'{w}'"))} not in the event as printed (\"{r.Raw(AsPrintedColumn)}\"): " +
                "a label uses the catalogue's own words or a listed abbreviation (data/README.md, Labels)");
        }
    }

    /// <summary>The Minsk Barometer issue of an event row (the events are its catalogues): the one rule of <c>issue</c>.</summary>
    private static Issue? FindIssue(RowReader r, IReadOnlyList<Issue> issues)
    {
        if (r.Int("issue") is not { } number)
        {
            return null;
        }

        var issue = issues.FirstOrDefault(i => i.Series == Series.MinskBarometer && i.Number == number);
        if (issue is null)
        {
            r.Error("issue", $"issue {number} is not in {IssuesFile}");
        }

        return issue;
    }

    private static EventDate? ParseDate(RowReader r, Issue? issue)
    {
        if (issue is null)
        {
            return null;
        }

        var date = EventDateParser.TryParseWithin(r.Raw("date"), issue, out var error);
        if (date is null)
        {
            r.Error("date", error!);
        }

        return date;
    }

    /// <summary>Checks that an event id (its form is the schema's pattern) names the row's issue and partner.</summary>
    private static bool CheckId(RowReader r, string id, int? issue, string code)
    {
        var m = EventId().Match(id);
        if (!m.Success)
        {
            r.Error("id", $"'{id}' is not of the form <issue>-<code>-<nn>, e.g. 18-US-01");
            return false;
        }
        if (issue is not null && m.Groups["issue"].Value != issue.Value.ToString(CultureInfo.InvariantCulture))
        {
            r.Error("id", $"'{id}' names issue {m.Groups["issue"].Value} but the row's issue is {issue}");
            return false;
        }
        if (m.Groups["code"].Value != code)
        {
            r.Error("id", $"'{id}' names '{m.Groups["code"].Value}' but the row is for '{code}'");
            return false;
        }
        return true;
    }
}
