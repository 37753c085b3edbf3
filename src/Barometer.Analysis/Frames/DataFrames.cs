using Barometer.Analysis.Datasets;
using Barometer.Analysis.Loading;
using Barometer.Analysis.Model;
using Microsoft.Data.Analysis;

namespace Barometer.Analysis.Frames;

/// <summary>
/// Every data table as a <see cref="DataFrame"/> with typed columns, for analysis in notebooks: a view built from the
/// typed records (which stay the library's way in, with their located validation errors). Column names are those of
/// the CSV files; dates are <see cref="DateTime"/> columns, amounts <see cref="decimal"/>, scores <see cref="int"/>.
/// Each call builds a new frame: changing it changes neither the records nor the files.
/// </summary>
public static class DataFrames
{
    /// <summary>The relationship catalogue (<c>relationship_events.csv</c>), with each date's first and last day.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<RelationshipEvent> events)
    {
        var rows = events.ToArray();
        return new FrameBuilder<RelationshipEvent>(rows)
            .Text("id", e => e.Id).Int("issue", e => e.Issue).Text("partner", e => e.PartnerCode)
            .Text("date", e => e.Date.Text).Date("date_start", e => e.Date.Start).Date("date_end", e => e.Date.End)
            .Text("label", e => e.Label).Text("event_as_printed", e => e.AsPrinted).Int("score", e => e.Score).Text("source", e => e.Source)
            .Bool("hypothetical", e => e.Hypothetical)
            .Build();
    }

    /// <summary>The security catalogue (<c>security_events.csv</c>), both scores of each event.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<SecurityEvent> events)
    {
        var rows = events.ToArray();
        return new FrameBuilder<SecurityEvent>(rows)
            .Text("id", e => e.Id).Int("issue", e => e.Issue)
            .Text("date", e => e.Date.Text).Date("date_start", e => e.Date.Start).Date("date_end", e => e.Date.End)
            .Text("label", e => e.Label).Text("event_as_printed", e => e.AsPrinted)
            .Int("national_security", e => e.NationalSecurity).Int("regional_tension", e => e.RegionalTension)
            .Text("source", e => e.Source).Bool("hypothetical", e => e.Hypothetical)
            .Build();
    }

    /// <summary>What the reports print (<c>published_values.csv</c>); <c>numeric_value</c> is the value when it is an integer.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<PublishedValue> values)
    {
        var rows = values.ToArray();
        return new FrameBuilder<PublishedValue>(rows)
            .Text("series", v => v.Series).Int("issue", v => v.Issue).Text("measure", v => v.Measure).Text("partner", v => v.PartnerCode)
            .Text("value", v => v.Value).Int("numeric_value", v => v.NumericValue).Text("source", v => v.Source).Text("note", v => v.Note)
            .Build();
    }

    /// <summary>What the reports' text says of catalogued events (<c>text_statements.csv</c>).</summary>
    public static DataFrame ToDataFrame(this IEnumerable<TextStatement> statements)
    {
        var rows = statements.ToArray();
        return new FrameBuilder<TextStatement>(rows)
            .Text("id", t => t.Id).Int("issue", t => t.Issue).Text("event_id", t => t.EventId).Text("attribute", t => t.Attribute)
            .Text("text_value", t => t.TextValue).Text("unit", t => t.Unit).Text("text_as_printed", t => t.TextAsPrinted)
            .Text("reading", t => t.Reading).Text("source", t => t.Source)
            .Build();
    }

    /// <summary>The reports' narrative (<c>narrative.csv</c>): summaries, trends and forecasts per subject.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<NarrativeStatement> narrative)
    {
        var rows = narrative.ToArray();
        return new FrameBuilder<NarrativeStatement>(rows)
            .Int("issue", n => n.Issue).Text("subject", n => n.Subject).Text("kind", n => n.Kind).Int("n", n => n.Number)
            .Text("text", n => n.Text).Text("source", n => n.Source)
            .Build();
    }

    /// <summary>The issues (<c>issues.csv</c>).</summary>
    public static DataFrame ToDataFrame(this IEnumerable<Issue> issues)
    {
        var rows = issues.ToArray();
        return new FrameBuilder<Issue>(rows)
            .Text("series", i => i.Series).Int("issue", i => i.Number).Date("period_start", i => i.Period.Start).Date("period_end", i => i.Period.End)
            .Text("title", i => i.Title).Text("source", i => i.Source).Text("note", i => i.Note)
            .Build();
    }

    /// <summary>The partners (<c>partners.csv</c>).</summary>
    public static DataFrame ToDataFrame(this IEnumerable<Partner> partners)
    {
        var rows = partners.ToArray();
        return new FrameBuilder<Partner>(rows)
            .Text("code", p => p.Code).Text("name", p => p.Name).Text("catalogue_heading", p => p.CatalogueHeading)
            .Build();
    }

    /// <summary>The colour scale (<c>colour_scale.csv</c>), least severe band first.</summary>
    public static DataFrame ToDataFrame(this ColourScale scale)
    {
        var rows = scale.Bands;
        return new FrameBuilder<ColourBand>(rows)
            .Text("colour", b => b.Colour).Int("order", b => b.Order).Int("min", b => b.Min).Int("max", b => b.Max)
            .Text("published_range", b => b.PublishedRange).Text("interpretation", b => b.Interpretation).Text("source", b => b.Source)
            .Build();
    }

    /// <summary>
    /// Measurements (any of the tables of <c>data/external</c>), the value as stated and converted to base units
    /// (<c>value_in_ones</c>, computed here as in <see cref="Measurement.ValueInOnes"/>); <c>year</c> is set when the period
    /// is exactly one calendar year.
    /// </summary>
    public static DataFrame ToDataFrame(this IEnumerable<Measurement> measurements)
    {
        var rows = measurements.ToArray();
        return new FrameBuilder<Measurement>(rows)
            .Text("id", m => m.Id).Text("table", m => m.Table).Text("reporter", m => m.Reporter).Text("partner", m => m.Partner)
            .Text("indicator", m => m.Indicator).Text("item", m => m.Item).Text("flow", m => m.Flow)
            .Date("period_start", m => m.Period.Start).Date("period_end", m => m.Period.End).Text("period_text", m => m.Period.Text)
            .Int("year", m => m.Period.IsCalendarYear ? m.Period.Year : null)
            .Text("qualifier", m => m.Qualifier).Decimal("value", m => m.Value).Text("unit", m => m.Unit).Text("currency", m => m.Currency)
            .Text("scale", m => m.Scale).Decimal("value_in_ones", m => m.ValueInOnes).Text("source", m => m.Source).Text("context", m => m.Context)
            .Build();
    }

    /// <summary>A new frame of copies of the named columns of <paramref name="frame"/>, in the order given.</summary>
    public static DataFrame Select(this DataFrame frame, params string[] columns) =>
        new(columns.Select(name => frame.Columns[name].Clone()));

    /// <summary>
    /// Every table of the data by its file stem: <c>issues</c>, <c>partners</c>, <c>relationship_events</c>,
    /// <c>security_events</c>, <c>published_values</c>, <c>colour_scale</c>, <c>text_statements</c>, <c>narrative</c> and each
    /// measurement table.
    /// </summary>
    public static IReadOnlyDictionary<string, DataFrame> All(BarometerDataset barometer, MeasurementTables measurements)
    {
        var frames = new Dictionary<string, DataFrame>(StringComparer.Ordinal)
        {
            ["issues"] = barometer.Issues.ToDataFrame(),
            ["partners"] = barometer.Partners.ToDataFrame(),
            ["relationship_events"] = barometer.RelationshipEvents.ToDataFrame(),
            ["security_events"] = barometer.SecurityEvents.ToDataFrame(),
            ["published_values"] = barometer.PublishedValues.ToDataFrame(),
            ["colour_scale"] = barometer.ColourScale.ToDataFrame(),
            ["text_statements"] = barometer.TextStatements.ToDataFrame(),
            ["narrative"] = barometer.Narrative.ToDataFrame(),
        };
        foreach (var table in measurements.TableNames)
        {
            frames[table] = measurements.Table(table).ToDataFrame();
        }

        return frames;
    }
}
