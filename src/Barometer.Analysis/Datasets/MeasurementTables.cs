using System.Collections;
using System.Globalization;
using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Tables;

namespace Barometer.Analysis.Datasets;

/// <summary>
/// Every measurement table of <c>data/external</c> as typed <see cref="Measurement"/> rows, in descriptor order and
/// row order. The tables are discovered from <c>datapackage.json</c>: each resource under <c>external/</c> whose schema
/// has the common columns (<see cref="CommonColumns"/>) is one, so a new table needs a CSV and a descriptor entry, no
/// code. Loading checks each table against its schema, then the rules a schema cannot state (see <see cref="TryLoad(string)"/>).
/// </summary>
/// <example>
/// <code>
/// var data = MeasurementTables.Load(DataDirectory.Locate());
/// data.Where(m => m.Partner == "China" &amp;&amp; m.Unit == "currency")      // LINQ over typed records
/// data.Table("trade").Count                                               // one table
/// data["TR-043"].ValueInOnes                                              // 10 577 000 000
/// </code>
/// </example>
public sealed class MeasurementTables : IReadOnlyList<Measurement>
{
    /// <summary>The columns every measurement table has, in this order.</summary>
    public static IReadOnlyList<string> CommonColumns { get; } =
    [
        "id", "reporter", "partner", "indicator", "item", "flow", "period_start", "period_end", "period_text",
        "qualifier", "value", "unit", "currency", "scale", "source", "section", "quote_context",
    ];

    /// <summary>Units whose value is an amount of money: the row must name its currency; other units must not.</summary>
    public static IReadOnlySet<string> CurrencyUnits { get; } = new HashSet<string>(StringComparer.Ordinal) { "currency", "currency_per_tonne" };

    private readonly IReadOnlyList<Measurement> _all;
    private readonly Dictionary<string, Measurement> _byId;
    private readonly Dictionary<string, (string File, int Line)> _locations;
    private readonly Dictionary<string, string> _stemByResource;

    private MeasurementTables(IReadOnlyList<(string Resource, string Stem)> tables, IReadOnlyList<Measurement> all, Dictionary<string, (string, int)> locations)
    {
        _stemByResource = tables.ToDictionary(t => t.Resource, t => t.Stem, StringComparer.Ordinal);
        TableNames = tables.Select(t => t.Stem).ToArray();
        _all = all;
        _byId = all.ToDictionary(m => m.Id, StringComparer.Ordinal);
        _locations = locations;
    }

    /// <summary>Ids of rows left out because their cells break the schema (reported there); empty once loaded without errors.</summary>
    internal IReadOnlySet<string> UnsoundIds { get; private init; } = new HashSet<string>();

    /// <summary>The measurement tables, by file stem, in descriptor order (<c>trade</c>, <c>arms_transfers</c>, …).</summary>
    public IReadOnlyList<string> TableNames { get; }

    public int Count => _all.Count;

    public Measurement this[int index] => _all[index];

    /// <summary>The row with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No measurement has that id.</exception>
    public Measurement this[string id] =>
        _byId.TryGetValue(id, out var m) ? m : throw new KeyNotFoundException($"no measurement has the id '{id}'");

    /// <summary>The row with id <paramref name="id"/>, or <c>null</c>.</summary>
    public Measurement? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The rows of one table, named by file stem (<c>trade</c>) or resource name (<c>external_trade</c>).</summary>
    /// <exception cref="ArgumentException">No such measurement table.</exception>
    public IReadOnlyList<Measurement> Table(string name)
    {
        var stem = _stemByResource.GetValueOrDefault(name, name);
        if (!TableNames.Contains(stem))
        {
            throw new ArgumentException($"no measurement table '{name}' (tables: {string.Join(", ", TableNames)})", nameof(name));
        }

        return _all.Where(m => m.Table == stem).ToArray();
    }

    /// <summary>Where the row with id <paramref name="id"/> is: its file (as errors print it) and line.</summary>
    public (string File, int Line)? Location(string id) => _locations.TryGetValue(id, out var l) ? l : null;

    public IEnumerator<Measurement> GetEnumerator() => _all.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Count} measurements in {TableNames.Count} tables ({string.Join(", ", TableNames)})";

    /// <summary>Loads every measurement table of <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="DataValidationException">Any problem, with every problem located (file, line, column).</exception>
    public static MeasurementTables Load(string dataDirectory)
    {
        var (tables, errors) = TryLoad(dataDirectory);
        return errors.Count == 0 ? tables! : throw new DataValidationException(errors);
    }

    /// <summary>
    /// Loads every measurement table and reports every problem instead of throwing. Besides each table's schema
    /// (types, vocabularies, patterns, required cells, unique ids), it checks what a Table Schema cannot state:
    /// an id is unique across all tables; <c>period_start</c> is not after <c>period_end</c>; <c>currency</c> is set
    /// exactly when <c>unit</c> is a currency unit; every <c>range_low</c> row has a <c>range_high</c> row that differs
    /// only in id, value, qualifier and wording, and low ≤ high. <c>Tables</c> is null when there are errors.
    /// </summary>
    public static (MeasurementTables? Tables, IReadOnlyList<DataError> Errors) TryLoad(string dataDirectory) =>
        TryLoad(new DataPackageReader(dataDirectory));

    /// <summary>As <see cref="TryLoad(string)"/>, from a package that may already have been read (nothing is read twice).</summary>
    internal static (MeasurementTables? Tables, IReadOnlyList<DataError> Errors) TryLoad(DataPackageReader package)
    {
        var (tables, rules) = ReadWithRules(package);
        var resources = package.Descriptor is { } d ? MeasurementResources(d) : [];
        var errors = package.ErrorsOf(resources).Concat(rules).ToArray();
        return (errors.Length == 0 ? tables : null, errors);
    }

    /// <summary>
    /// The tables built from the rows without schema problems, and the problems of the rules that live in code. A
    /// row's rules are checked whenever its own cells are sound, whatever the other rows hold.
    /// </summary>
    internal static (MeasurementTables? Tables, IReadOnlyList<DataError> RuleErrors) ReadWithRules(DataPackageReader package)
    {
        var rules = new List<DataError>();
        if (package.Descriptor is not { } descriptor)
        {
            return (null, rules);
        }

        var names = new List<(string Resource, string Stem)>();
        var all = new List<Measurement>();
        var locations = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var readers = new Dictionary<string, (CsvTable Table, CsvRow Row)>(StringComparer.Ordinal);
        var unsound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in MeasurementResources(descriptor))
        {
            var table = package.Table(resource);
            if (table is null)
            {
                continue;
            }

            var stem = DataPackageReader.Stem(resource);
            names.Add((resource.Name, stem));
            foreach (var row in table.Rows)
            {
                var reader = new RowReader(table, row, rules.Add);
                if (table.HasErrorIn(row)) // its schema problem is reported; its cells are not to be trusted
                {
                    unsound.Add(reader.Raw("id"));
                    continue;
                }
                var m = Read(reader, stem);
                if (readers.TryGetValue(m.Id, out var first))
                {
                    reader.Error("id", $"'{m.Id}' is also the id of {first.Table.DisplayPath}:{first.Row.Line}; ids are unique across data/external");
                    continue;
                }
                readers[m.Id] = (table, row);
                locations[m.Id] = (table.DisplayPath, row.Line);
                CheckRow(reader, m);
                all.Add(m);
            }
            CheckRanges(table, all.Where(m => m.Table == stem).ToArray(), readers, rules);
        }
        if (names.Count == 0)
        {
            rules.Add(new DataError(package.DescriptorDisplay, 1, 1,
                $"no measurement table: no resource under {DataPackageReader.ExternalFolder} has the columns {string.Join(", ", CommonColumns)}"));
        }

        return (new MeasurementTables(names, all, locations) { UnsoundIds = unsound }, rules);
    }

    /// <summary>The resources of <paramref name="descriptor"/> that are measurement tables, in descriptor order.</summary>
    internal static IEnumerable<DataResource> MeasurementResources(DataPackageDescriptor descriptor) =>
        descriptor.Resources.Where(r => DataPackageReader.IsExternalWith(r, CommonColumns));

    private static Measurement Read(RowReader r, string table) => new(
        Id: r.Raw("id"),
        Table: table,
        Reporter: r.Raw("reporter"),
        Partner: r.Optional("partner"),
        Indicator: r.Raw("indicator"),
        Item: r.Optional("item"),
        Flow: r.Optional("flow"),
        Period: new MeasurementPeriod(Date(r.Raw("period_start")), Date(r.Raw("period_end")), r.Raw("period_text")),
        Qualifier: r.Optional("qualifier"),
        Value: decimal.Parse(r.Raw("value"), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
        Unit: r.Raw("unit"),
        Currency: r.Optional("currency"),
        Scale: r.Optional("scale"),
        Source: r.Citation(),
        Context: r.Raw("quote_context"));

    // The schema has already checked the date's form (type date, required).
    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void CheckRow(RowReader r, Measurement m)
    {
        if (m.Period.Start > m.Period.End)
        {
            r.Error("period_end", $"{m.Period.End:yyyy-MM-dd} is before period_start {m.Period.Start:yyyy-MM-dd}");
        }

        var needsCurrency = CurrencyUnits.Contains(m.Unit);
        if (needsCurrency && m.Currency is null)
        {
            r.Error("currency", $"is required when unit is {m.Unit}");
        }
        else if (!needsCurrency && m.Currency is not null)
        {
            r.Error("currency", $"'{m.Currency}' is set but unit is {m.Unit}, not a currency unit (leave currency empty)");
        }
    }

    private static void CheckRanges(CsvTable table, IReadOnlyList<Measurement> rows, Dictionary<string, (CsvTable Table, CsvRow Row)> readers, List<DataError> rules)
    {
        static object Key(Measurement m) => (m.Reporter, m.Partner, m.Indicator, m.Item, m.Flow, m.Period.Start, m.Period.End, m.Unit, m.Currency, m.Scale, m.Source);
        var highs = rows.Where(m => m.Qualifier == "range_high").ToLookup(Key);
        var lows = rows.Where(m => m.Qualifier == "range_low").ToLookup(Key);
        foreach (var low in rows.Where(m => m.Qualifier == "range_low"))
        {
            var reader = new RowReader(table, readers[low.Id].Row, rules.Add);
            var high = highs[Key(low)].FirstOrDefault();
            if (high is null)
            {
                reader.Error("qualifier", "range_low without a range_high row that has the same fields except id, value, qualifier and wording");
            }
            else if (high.Value < low.Value)
            {
                reader.Error("value", $"range_low {low.Value} is above its range_high {high.Value} ({high.Id})");
            }
        }
        foreach (var high in rows.Where(m => m.Qualifier == "range_high" && !lows[Key(m)].Any()))
        {
            new RowReader(table, readers[high.Id].Row, rules.Add).Error("qualifier", "range_high without a range_low row that has the same fields except id, value, qualifier and wording");
        }
    }
}
