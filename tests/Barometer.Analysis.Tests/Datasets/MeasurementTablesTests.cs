using System.Text.Json.Nodes;
using Barometer.Analysis.DataPackage;
using Barometer.Analysis.Datasets;
using Barometer.Analysis.Tables;
using Barometer.Analysis.Tests.Support;

namespace Barometer.Analysis.Tests.Datasets;

public class MeasurementTablesTests
{
    private static readonly Lazy<MeasurementTables> Shipped = new(() => MeasurementTables.Load(RepoData.Directory));

    private const string Trade = "external/trade.csv";

    [Fact]
    public void Every_measurement_table_loads_from_the_descriptor_with_its_rows()
    {
        var data = Shipped.Value;
        Assert.Equal(["trade", "arms_transfers", "defence", "finance", "energy", "sanctions"], data.TableNames);
        var counts = data.TableNames.ToDictionary(t => t, t => data.Table(t).Count);
        Assert.Equal(new Dictionary<string, int>
        {
            ["trade"] = 63,
            ["arms_transfers"] = 49,
            ["defence"] = 38,
            ["finance"] = 59,
            ["energy"] = 16,
            ["sanctions"] = 7,
        }, counts);
        Assert.Equal(232, data.Count);
        Assert.Equal(63, data.Table("external_trade").Count); // the resource name works too
        Assert.Throws<ArgumentException>(() => data.Table("tariffs"));
    }

    [Fact]
    public void The_shipped_package_validates_and_its_derived_checks_resolve()
    {
        Assert.Empty(DataPackageValidator.Validate(RepoData.Directory));
        Assert.Empty(MeasurementTables.TryLoad(RepoData.Directory).Errors);
        Assert.Empty(DerivedChecks.TryRun(RepoData.Directory).Errors);
    }

    [Fact]
    public void The_descriptor_and_the_files_of_data_external_agree()
    {
        var descriptor = DataPackageDescriptor.Parse(File.ReadAllText(Path.Combine(RepoData.Directory, DataPackageDescriptor.FileName)));
        var external = Path.Combine(RepoData.Directory, "external");
        var files = Directory.GetFiles(external, "*.csv").Select(f => "external/" + Path.GetFileName(f)).Order().ToArray();
        var described = descriptor.Resources.Where(r => r.Path.StartsWith("external/")).Select(r => r.Path).Order().ToArray();
        Assert.Equal(files, described);
        Assert.Equal(7, files.Length);
        foreach (var resource in descriptor.Resources)
        {
            var table = CsvTable.Read(Path.Combine(RepoData.Directory, resource.Path), resource.Path);
            Assert.Equal(resource.Schema.Fields.Select(f => f.Name), table.Header); // every column described, in file order
            Assert.All(resource.Schema.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{resource.Name}.{f.Name}"));
            Assert.False(string.IsNullOrWhiteSpace(resource.Description), resource.Name);
        }
        foreach (var resource in MeasurementTables.MeasurementResources(descriptor))
        {
            Assert.Equal(MeasurementTables.CommonColumns, resource.Schema.Fields.Select(f => f.Name));
            Assert.Equal(["id"], resource.Schema.PrimaryKey);
            foreach (var vocabulary in new[] { "reporter", "partner", "indicator", "flow", "qualifier", "unit", "currency", "scale" })
            {
                Assert.NotEmpty(resource.Schema.Fields.Single(f => f.Name == vocabulary).Constraints?.Enum ?? []);
            }
        }
        // every document a row cites has its citation in sources.csv
        var sources = TableRows.Load(RepoData.Directory, "sources").Select(s => s["id"]).ToHashSet();
        Assert.All(Shipped.Value.Select(m => m.Source.Split('#')[0]).Distinct(), s => Assert.Contains(s, sources));
    }

    [Fact]
    public void Values_are_kept_as_stated_and_converted_to_base_units_in_code()
    {
        var data = Shipped.Value;
        var turnover = data["TR-043"];
        Assert.Equal(10.577m, turnover.Value);
        Assert.Equal(("currency", "USD", "billion"), (turnover.Unit, turnover.Currency, turnover.Scale));
        Assert.Equal(10_577_000_000m, turnover.ValueInOnes);
        Assert.Equal(10_577m, turnover.ValueIn("million"));
        Assert.Equal("USD billion", turnover.UnitLabel);
        Assert.Equal(new MeasurementPeriod(new DateOnly(2020, 1, 1), new DateOnly(2020, 11, 30), "January-November 2020"), turnover.Period);
        Assert.Equal("2020-01-01..2020-11-30", turnover.Period.ToString());
        Assert.False(turnover.Period.IsCalendarYear);

        Assert.Equal(-1_020_000_000m, data["TR-049"].ValueInOnes);        // a deficit stays negative
        Assert.Equal(2_114_000_000m, data["TR-012"].ValueInOnes);         // "USD 2,114m"
        Assert.Equal(411_000m, data["AR-004"].ValueInOnes);               // "€411,000": no scale
        Assert.Equal(13_000_000m, data["EN-001"].ValueInOnes);            // "13m tons"
        Assert.Equal("million tonnes", data["EN-001"].UnitLabel);
        Assert.Equal(219m, data["TR-035"].ValueInOnes);
        Assert.Equal("USD per tonne", data["TR-035"].UnitLabel);
        Assert.Null(data["AR-031"].Partner);                              // domestic procurement
        Assert.Equal("more_than", data["TR-017"].Qualifier);
        Assert.Equal(2016, data["TR-006"].Period.Year);
        Assert.True(data["TR-006"].Period.IsCalendarYear);
        Assert.Null(data["FI-004"].Period.Year);                           // 2016-2030
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("thousand", 1_000)]
    [InlineData("million", 1_000_000)]
    [InlineData("billion", 1_000_000_000)]
    public void Scale_factors(string? scale, long factor) => Assert.Equal(factor, Scales.Factor(scale));

    [Fact]
    public void An_unknown_scale_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Scales.Factor("lakh"));
        Assert.Contains("unknown scale 'lakh'", e.Message);
    }

    /// <summary>The descriptor, not code, rejects these: each is reported at its file, line and column.</summary>
    [Theory]
    [InlineData(12, "dollars", "unit: 'dollars' is not one of the allowed values")]
    [InlineData(13, "US$", "currency: 'US$' is not one of the allowed values")]
    [InlineData(7, "2017", "period_start: '2017' is not a date in the form YYYY-MM-DD")]
    [InlineData(8, "2017-06-31", "period_end: '2017-06-31' is not a date")]
    [InlineData(11, "1,000", "value: '1,000' is not a number")]
    [InlineData(11, "1e3", "value: '1e3' does not match the pattern")]
    [InlineData(2, "Belarusia", "reporter: 'Belarusia' is not one of the allowed values")]
    [InlineData(4, "arms_export_value", "indicator: 'arms_export_value' is not one of the allowed values")]
    [InlineData(14, "lakh", "scale: 'lakh' is not one of the allowed values")]
    [InlineData(1, "TR-1", "id: 'TR-1' does not match the pattern")]
    [InlineData(15, "seeds/005.txt#x", "source: 'seeds/005.txt#x' does not match the pattern")]
    [InlineData(15, "no-such-source", "source: (source) = (no-such-source) is not in sources.csv (id)")]
    [InlineData(12, "", "unit: is required but empty")]
    public void A_bad_cell_is_rejected_by_the_descriptor_with_its_location(int column, string value, string message)
    {
        using var data = new DataCopy();
        data.SetCell(Trade, 2, column, value);

        var errors = DataPackageValidator.Validate(data.DataDir);
        var error = Assert.Single(errors);
        var at = data.CharacterColumn(Trade, 2, column); // the character column where the cell starts
        Assert.Equal(("data/external/trade.csv", 2, at), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message);
        // the loader refuses the same cell, at the same place
        var (tables, loadErrors) = MeasurementTables.TryLoad(data.DataDir);
        Assert.Null(tables);
        Assert.Contains(loadErrors, e => (e.File, e.Line, e.Column) == ("data/external/trade.csv", 2, at));
        Assert.Contains(message, Assert.Throws<DataValidationException>(() => MeasurementTables.Load(data.DataDir)).Message);
    }

    [Fact]
    public void Rules_a_schema_cannot_state_are_checked_on_load_with_their_location()
    {
        using var data = new DataCopy();
        data.SetCell(Trade, 2, 13, "USD");                 // TR-001 is a percent: no currency
        data.SetCell(Trade, 4, 13, "");                    // TR-003 is an amount: currency required
        data.SetCell(Trade, 5, 7, "2016-01-01");           // TR-004: start after end (2015-12-31)
        data.SetCell("external/energy.csv", 2, 1, "EN-002"); // EN-001 becomes a duplicate id within energy
        data.SetCell("external/finance.csv", 23, 10, "");  // FI-022 range_low loses its qualifier: FI-023 range_high is alone
        data.SetCell("external/sanctions.csv", 2, 1, "SA-002");
        data.SetCell("external/energy.csv", 4, 13, "USD");    // EN-003 (tonnes) given a currency: a rule, on another line of a table with a schema error

        var errors = MeasurementTables.TryLoad(data.DataDir).Errors;
        bool At(DataError e, string file, int line, int field) =>
            e.File == "data/" + file && e.Line == line && e.Column == data.CharacterColumn(file, line, field);
        Assert.Contains(errors, e => At(e, Trade, 2, 13) && e.Message.Contains("unit is percent, not a currency unit"));
        Assert.Contains(errors, e => At(e, Trade, 4, 13) && e.Message.Contains("required when unit is currency"));
        Assert.Contains(errors, e => At(e, Trade, 5, 8) && e.Message.Contains("is before period_start 2016-01-01"));
        Assert.Contains(errors, e => At(e, "external/finance.csv", 24, 10) && e.Message.Contains("range_high without a range_low"));
        // a duplicate inside one table is the schema's (unique id); the other rows of that table are still checked
        Assert.Contains(errors, e => At(e, "external/energy.csv", 3, 1) && e.Message.Contains("must be unique"));
        Assert.Contains(errors, e => At(e, "external/energy.csv", 4, 13) && e.Message.Contains("is set but unit is"));
        Assert.Contains(errors, e => At(e, "external/sanctions.csv", 3, 1));
        Assert.Equal(7, errors.Count);
        // the descriptor alone sees only the duplicate ids, each once (id is both unique and the primary key)
        var schemaErrors = DataPackageValidator.Validate(data.DataDir);
        Assert.Equal(2, schemaErrors.Count);
        Assert.All(schemaErrors, e =>
            Assert.True(e.Line == 3 && e.Column == 1 && (e.File.EndsWith("energy.csv") || e.File.EndsWith("sanctions.csv")), e.ToString()));
        // data validate: both, each problem once
        Assert.Equal(7, DataValidation.Validate(data.DataDir).Count);
    }

    [Fact]
    public void An_id_used_in_two_tables_is_reported_at_the_second()
    {
        using var data = new DataCopy();
        data.EditDescriptor(json =>
        {
            var sanctions = json["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "external_sanctions")!;
            sanctions["schema"]!["fields"]![0]!["constraints"]!["pattern"] = "[A-Z]{2}-[0-9]{3}";
        });
        data.SetCell("external/sanctions.csv", 2, 1, "TR-001");
        var errors = MeasurementTables.TryLoad(data.DataDir).Errors;
        var e = Assert.Single(errors);
        Assert.Equal(("data/external/sanctions.csv", 2, 1), (e.File, e.Line, e.Column));
        Assert.Contains("'TR-001' is also the id of data/external/trade.csv:2", e.Message);
    }

    [Fact]
    public void A_new_table_needs_a_file_and_a_descriptor_entry_but_no_code()
    {
        using var data = new DataCopy();
        File.WriteAllText(data.PathOf("external/tariffs.csv"),
            string.Join(",", MeasurementTables.CommonColumns) + "\n" +
            "TF-001,Russia,Belarus,persons_listed_total,test row,,2020-01-01,2020-12-31,in 2020,,3,persons,,,minsk-barometer-18,Sanctions,A made-up row\n");
        Assert.Contains(DataPackageValidator.Validate(data.DataDir), e => e.File.EndsWith("tariffs.csv") && e.Message.Contains("not described"));

        data.EditDescriptor(json =>
        {
            var resources = json["resources"]!.AsArray();
            var copy = resources.Single(r => r!["name"]!.GetValue<string>() == "external_sanctions")!.DeepClone();
            copy["name"] = "external_tariffs";
            copy["path"] = "external/tariffs.csv";
            copy["schema"]!["fields"]![0]!["constraints"]!["pattern"] = "TF-[0-9]{3}";
            resources.Add(copy);
        });
        Assert.Empty(DataPackageValidator.Validate(data.DataDir));
        var tables = MeasurementTables.Load(data.DataDir);
        Assert.Equal("tariffs", tables.TableNames[^1]);
        Assert.Equal(233, tables.Count);
        Assert.Equal(3m, tables["TF-001"].ValueInOnes);
        Assert.Single(TableRows.Load(data.DataDir, "tariffs"));
    }
}
