using Barometer.Analysis.Datasets;
using Barometer.Analysis.Frames;
using Barometer.Analysis.Tests.Charts;
using Microsoft.Data.Analysis;

namespace Barometer.Analysis.Tests.Frames;

public class DataFramesTests
{
    private static MeasurementTables Measurements => MeasurementTables.Load(Support.RepoData.Directory);

    [Fact]
    public void The_relationship_catalogue_is_a_frame_with_typed_columns_and_one_row_per_event()
    {
        var events = ChartTestData.Data.RelationshipEvents;
        var frame = events.ToDataFrame();
        Assert.Equal(events.Count, frame.Rows.Count);
        Assert.Equal(typeof(int), frame["score"].DataType);
        Assert.Equal(typeof(DateTime), frame["date_start"].DataType);
        Assert.Equal(typeof(string), frame["label"].DataType);
        var first = events[0];
        Assert.Equal(first.Id, frame["id"][0]);
        Assert.Equal(first.Score, frame["score"][0]);
        Assert.Equal(first.Date.Start.ToDateTime(TimeOnly.MinValue), frame["date_start"][0]);
    }

    [Fact]
    public void Grouping_the_frame_gives_the_indices_the_library_computes()
    {
        var frame = ChartTestData.Data.RelationshipEvents.ToDataFrame();
        var issue18 = frame.Filter(frame["issue"].ElementwiseEquals(18));
        var sums = issue18.GroupBy("partner").Sum("score");
        foreach (var r in ChartTestData.Reproduction.Indices.Relationships)
        {
            var row = Enumerable.Range(0, (int)sums.Rows.Count).Single(i => (string)sums["partner"][i] == r.Partner.Code);
            Assert.Equal(r.Index, Convert.ToInt32(sums["score"][row]));
        }
    }

    [Fact]
    public void Measurements_keep_the_stated_value_and_a_converted_one()
    {
        var tables = Measurements;
        var frame = tables.ToDataFrame();
        Assert.Equal(tables.Count, frame.Rows.Count);
        Assert.Equal(typeof(decimal), frame["value"].DataType);
        var i = Enumerable.Range(0, tables.Count).First(k => tables[k].Scale == "billion");
        Assert.Equal(tables[i].Value, frame["value"][i]);
        Assert.Equal(tables[i].ValueInOnes, frame["value_in_ones"][i]);
        var noPartner = Enumerable.Range(0, tables.Count).First(k => tables[k].Partner is null);
        Assert.Null(frame["partner"][noPartner]);
    }

    [Fact]
    public void Every_table_of_the_data_has_a_frame()
    {
        var frames = DataFrames.All(ChartTestData.Data, Measurements);
        Assert.Equal(["issues", "partners", "relationship_events", "security_events", "published_values", "colour_scale"], frames.Keys.Take(6));
        var csvStems = Directory.GetFiles(Support.RepoData.Directory, "*.csv", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.All(frames.Keys, k => Assert.Contains(k, csvStems));
        Assert.Equal(ChartTestData.Data.ColourScale.Bands.Count, frames["colour_scale"].Rows.Count);
        Assert.All(frames.Values, f => Assert.True(f.Columns.Count > 0));
    }

    [Fact]
    public void A_frame_is_a_copy_changing_it_changes_no_record()
    {
        var frame = ChartTestData.Data.SecurityEvents.ToDataFrame();
        var before = ChartTestData.Data.SecurityEvents[0].RegionalTension;
        frame["regional_tension"][0] = 99;
        Assert.Equal(before, ChartTestData.Data.SecurityEvents[0].RegionalTension);
        Assert.Equal(before, ChartTestData.Data.SecurityEvents.ToDataFrame()["regional_tension"][0]);
    }
}
